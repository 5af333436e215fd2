/**
 * The dashboard floor (docs/benchmarks.md): a bare Apollo server, as its quick start makes it, answering
 * provinceComparison with the gateway's own response from memory; in its own process like the gateway, so that
 * neither shares its CPU time with the load generator. Arguments: the port, and the file holding the response's
 * data (JSON).
 */
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

const [port, answerFile] = process.argv.slice(2);
const answer: unknown = JSON.parse(readFileSync(answerFile!, 'utf8'));
const server = new ApolloServer({
  typeDefs: `type Row { id: ID! name: String! code: String year: Int! values: [Float] }
    type Table { metrics: [String!]! rows: [Row!]! }
    type Query { provinceComparison(year: Int!): Table }`,
  resolvers: { Query: { provinceComparison: () => answer } },
});
await startStandaloneServer(server, { listen: { port: Number(port), host: '127.0.0.1' } });
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.once(signal, () => void server.stop().then(() => process.exit(0)));
