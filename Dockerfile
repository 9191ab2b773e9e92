# The platform image: the Next app (dashboard, tRPC API, widget API) plus the built widget.
FROM node:20-bookworm-slim
RUN npm install --global pnpm
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile && pnpm build
ENV NODE_ENV=production
EXPOSE 3000
CMD ["pnpm", "--filter", "@platform/web", "start", "--port", "3000"]
