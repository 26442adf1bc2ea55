// The public catalog: names of sectors and services for the queue.
import type { CatalogResponse } from '@sportello/protocol';
import { request } from './api-client.ts';

export const fetchCatalog = () => request<CatalogResponse>('GET', '/api/v1/catalog');
