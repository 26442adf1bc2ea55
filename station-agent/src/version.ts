// Reported in heartbeats and at enrolment, so the fleet view shows which agents need updating.
export const AGENT_VERSION = '0.1.0';
