// Reported in heartbeats and at enrolment, so the fleet view shows which agents need updating. The number
// lives in protocol, where the server reads it too to tell an outdated agent.
export { CURRENT_AGENT_VERSION as AGENT_VERSION } from '@sportello/protocol';
