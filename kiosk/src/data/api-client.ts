// The kiosk's calls go through the agent's proxy with no credential of the page's own.
export { ApiProblem, request } from '@sportello/web-common/api-client';
