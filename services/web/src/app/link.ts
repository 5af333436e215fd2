import { createContext, useContext } from 'react';
import type { LinkState } from './client';

/** The state of the live connection (graphql-ws), for pages that show it. */
export const LinkContext = createContext<LinkState>({ status: 'connecting', since: null });
export const useLink = () => useContext(LinkContext);
