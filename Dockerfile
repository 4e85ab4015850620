# The PyAirtable images: one target per deployable component, all built from this file.
#
#   docker build --target gateway -t pyairtable/gateway .
#   (targets: gateway, chat, mcp, operator, airtable-emulator)
#
# Node 24 runs the TypeScript sources as they are (type stripping), so there is no compile
# step: an image is Node, the production dependencies and the sources. Every target shares one
# dependency layer, so a node pulls it once for all five components. docs/images.md says why
# and how; tests/deploy/dockerfile.test.ts checks this file. No `# syntax=` line: the
# Dockerfile frontend built into BuildKit (Docker 20.10 and later) reads everything used here,
# and naming one would make every build pull docker/dockerfile from Docker Hub first — which
# fails where no registry is reachable (infra/local-cluster).

# The Node release the repository's own `node` dev dependency pins, on Debian 13 (trixie), slim.
ARG NODE_IMAGE=node:24.21.0-trixie-slim

FROM ${NODE_IMAGE} AS base
ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
WORKDIR /app

# The lockfile and the manifests of the services' workspaces: all `npm ci` needs, so a source
# change never invalidates the dependency layers below. (npm ci skips workspaces whose folder
# is absent: infra, k6 and tests stay out of the build context.)
FROM base AS manifests
COPY package.json package-lock.json ./
COPY services/kit/package.json services/kit/
COPY services/airtable-access/package.json services/airtable-access/
COPY services/registry/package.json services/registry/
COPY services/airtable-emulator/package.json services/airtable-emulator/
COPY services/mcp/package.json services/mcp/
COPY services/chat/package.json services/chat/
COPY services/gateway/package.json services/gateway/
COPY services/web/package.json services/web/
COPY services/local-stack/package.json services/local-stack/
COPY operator/package.json operator/

# Production dependencies of the five deployable workspaces (and the workspaces they depend
# on). Optional dependencies are left out: the only ones are embedded-postgres's binaries
# (images always get DATABASE_URL) and pg-cloudflare (Cloudflare Workers only). Install scripts
# are off, as the root package.json's allowScripts has them for these packages.
FROM manifests AS production-dependencies
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --omit=optional --ignore-scripts \
      --workspace services/gateway \
      --workspace services/chat \
      --workspace services/mcp \
      --workspace services/airtable-emulator \
      --workspace operator

# The web app's bundle, built with its dev dependency esbuild, which stays in this stage.
FROM manifests AS web-build
RUN --mount=type=cache,target=/root/.npm \
    npm ci --include=dev --ignore-scripts --workspace services/web
COPY services/web/ services/web/
RUN node services/web/build.ts

# What every component runs on: Node, the shared dependencies and a user without privileges.
FROM base AS runtime
RUN groupadd --system --gid 10001 pyairtable \
 && useradd --system --uid 10001 --gid pyairtable --home-dir /nonexistent --no-create-home \
      --shell /usr/sbin/nologin pyairtable
COPY package.json ./
COPY --from=production-dependencies /app/node_modules/ node_modules/
USER 10001:10001
ENTRYPOINT ["node"]

# The sources of each target belong to root and are read-only to the service's user. Tilt's
# live update writes synced files as that user, so dev builds pass SOURCE_OWNER=10001.
FROM runtime AS airtable-emulator
ARG SOURCE_OWNER=0
COPY --chown=${SOURCE_OWNER}:${SOURCE_OWNER} services/kit/ services/kit/
COPY --chown=${SOURCE_OWNER}:${SOURCE_OWNER} services/airtable-emulator/ services/airtable-emulator/
EXPOSE 8090
CMD ["--import", "@pyairtable/kit/tracing/register", "services/airtable-emulator/src/server.ts"]

FROM runtime AS mcp
ARG SOURCE_OWNER=0
COPY --chown=${SOURCE_OWNER}:${SOURCE_OWNER} services/kit/ services/kit/
COPY --chown=${SOURCE_OWNER}:${SOURCE_OWNER} services/registry/ services/registry/
COPY --chown=${SOURCE_OWNER}:${SOURCE_OWNER} services/airtable-access/ services/airtable-access/
COPY --chown=${SOURCE_OWNER}:${SOURCE_OWNER} services/mcp/ services/mcp/
EXPOSE 8001
CMD ["--import", "@pyairtable/kit/tracing/register", "services/mcp/src/server.ts"]

FROM runtime AS chat
ARG SOURCE_OWNER=0
COPY --chown=${SOURCE_OWNER}:${SOURCE_OWNER} services/kit/ services/kit/
COPY --chown=${SOURCE_OWNER}:${SOURCE_OWNER} services/registry/ services/registry/
COPY --chown=${SOURCE_OWNER}:${SOURCE_OWNER} services/chat/ services/chat/
EXPOSE 8003
CMD ["--import", "@pyairtable/kit/tracing/register", "services/chat/src/server.ts"]

# The gateway serves the web app from services/web/build/app and rebuilds it only when a file
# in services/web/src is newer than the bundle; the bundle is copied last, so it never is.
FROM runtime AS gateway
ARG SOURCE_OWNER=0
COPY --chown=${SOURCE_OWNER}:${SOURCE_OWNER} services/kit/ services/kit/
COPY --chown=${SOURCE_OWNER}:${SOURCE_OWNER} services/registry/ services/registry/
COPY --chown=${SOURCE_OWNER}:${SOURCE_OWNER} services/gateway/ services/gateway/
COPY --chown=${SOURCE_OWNER}:${SOURCE_OWNER} services/web/package.json services/web/
COPY --chown=${SOURCE_OWNER}:${SOURCE_OWNER} services/web/src/ services/web/src/
COPY --from=web-build --chown=${SOURCE_OWNER}:${SOURCE_OWNER} /app/services/web/build/app/ services/web/build/app/
EXPOSE 8000
CMD ["--import", "@pyairtable/kit/tracing/register", "services/gateway/src/server.ts"]

# The operator runs without the tracing preload, as operator/README.md describes.
FROM runtime AS operator
ARG SOURCE_OWNER=0
COPY --chown=${SOURCE_OWNER}:${SOURCE_OWNER} services/kit/ services/kit/
COPY --chown=${SOURCE_OWNER}:${SOURCE_OWNER} services/registry/ services/registry/
COPY --chown=${SOURCE_OWNER}:${SOURCE_OWNER} services/airtable-access/ services/airtable-access/
COPY --chown=${SOURCE_OWNER}:${SOURCE_OWNER} operator/ operator/
EXPOSE 8080
CMD ["operator/src/main.ts"]
