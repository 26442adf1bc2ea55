// Display boards (office TVs) as a technician registers them: list, create (its address shown once), delete.
import type { Board } from '@sportello/protocol';
import { request } from './api-client.ts';

export interface CreatedBoard {
  board: Board;
  /** The TV's page with its key: the only time the key is shown. */
  url: string;
}

export const fetchBoards = async (sede: string): Promise<Board[]> =>
  (await request<{ boards: Board[] }>('GET', `/api/v1/boards?sede=${encodeURIComponent(sede)}`)).boards;

export const createBoard = (sede: string, name: string) =>
  request<CreatedBoard>('POST', '/api/v1/boards', { sede, name });

export const deleteBoard = (id: string) =>
  request<void>('DELETE', `/api/v1/boards/${encodeURIComponent(id)}`);
