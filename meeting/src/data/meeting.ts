// The web meeting's resources: admission with the SMS code (which sets the meeting cookie), entering the
// waiting room over /ws, and the public catalog for the service's and the sede's names.
import type { CatalogResponse, MeetingAdmitBody, MeetingAdmitResponse } from '@sportello/protocol';
import type { VideoSocket } from '@sportello/web-common/video-socket';
import { request } from './api-client.ts';

export type Meeting = MeetingAdmitResponse['meeting'];

export const admitMeeting = (body: MeetingAdmitBody) =>
  request<MeetingAdmitResponse>('POST', '/api/v1/meetings/admit', body).then((r) => r.meeting);

/** Enters the waiting room; sent again after every reconnection (the server forgets a closed socket's place). */
export const joinMeeting = (socket: VideoSocket) => socket.send({ type: 'meeting.join' });

export const fetchCatalog = () => request<CatalogResponse>('GET', '/api/v1/catalog');
