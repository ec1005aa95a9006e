# The README's Bun line, run by run.mjs's bun runtime with drop.mjs = quickstart/node.mjs.
bun run drop.mjs in01-6183d6bac30f801
