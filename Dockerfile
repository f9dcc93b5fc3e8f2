FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src src
COPY workflows workflows
COPY migrations migrations
COPY bench bench
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
# Templates and the stylesheet are read at run time, not compiled (src/common/project-root.ts).
COPY --from=build /app/src/web/views src/web/views
COPY --from=build /app/src/web/assets src/web/assets
COPY --from=build /app/src/alerts/templates src/alerts/templates
COPY --from=build /app/src/notices/templates src/notices/templates
COPY package.json ./
USER node
EXPOSE 3000
CMD ["node", "dist/src/main.js"]
