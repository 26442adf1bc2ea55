// Display boards are registered devices: a technician creates one for a sede and gets its long-lived URL
// with a key (kept only hashed); deleting the board stops its key at once.
import { randomUUID } from 'node:crypto';
import type { Board, BoardView } from '@sportello/protocol';
import { sedeOf } from '../catalog/catalog.ts';
import type { AppContext } from '../context.ts';
import { ApiError } from '../http/api-error.ts';
import type { Principal } from '../http/principal.ts';
import { BOARD_TOKEN_PREFIX, hashToken, newToken } from '../auth/tokens.ts';
import type { StoredBoard } from '../store/store.ts';
import { announceFloorChange } from './floor-channel.ts';
import { FloorSnapshot } from './floor-snapshot.ts';
import { sedeQueueUrl } from './follow.service.ts';

export async function createBoard(
  ctx: AppContext,
  input: { sede: string; name: string },
  principal: Principal,
): Promise<{ board: Board; url: string }> {
  const sede = sedeOf(ctx.config, input.sede);
  const key = newToken(BOARD_TOKEN_PREFIX);
  const board: StoredBoard = {
    id: randomUUID(),
    sede: sede.id,
    name: input.name,
    createdAt: ctx.clock().toISOString(),
    createdBy: principal.kind === 'staff' ? principal.username : 'unknown',
    tokenHash: hashToken(key),
  };
  await ctx.store.transaction((tx) => tx.putBoard(board));
  const base = ctx.config.server.publicUrl.replace(/\/+$/, '');
  return { board: publicBoard(board), url: `${base}/board/${sede.id}?key=${key}` };
}

export async function listBoards(ctx: AppContext, sede?: string): Promise<Board[]> {
  const boards = await ctx.store.read((r) => r.boards());
  return boards.filter((b) => !sede || b.sede === sede).map(publicBoard);
}

export async function deleteBoard(ctx: AppContext, id: string): Promise<void> {
  await ctx.store.transaction(async (tx) => {
    const board = (await tx.boards()).find((b) => b.id === id);
    if (!board || !(await tx.deleteBoard(id))) throw ApiError.notFound('board');
    announceFloorChange(tx, board.sede, { boardRemoved: id });
  });
}

/** The board whose key this is, or undefined. */
export async function boardOfKey(ctx: AppContext, key: string | undefined): Promise<StoredBoard | undefined> {
  if (!key?.startsWith(BOARD_TOKEN_PREFIX)) return undefined;
  return ctx.store.read((r) => r.boardByTokenHash(hashToken(key)));
}

export async function readBoard(ctx: AppContext, sedeId: string): Promise<BoardView> {
  const sede = sedeOf(ctx.config, sedeId);
  const snap = await ctx.store.read((r) => FloorSnapshot.read(r, ctx.config, sede, ctx.clock()));
  return snap.boardView(sedeQueueUrl(ctx, sede.id));
}

function publicBoard({ tokenHash: _hash, ...board }: StoredBoard): Board {
  return board;
}
