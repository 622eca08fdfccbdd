# Builds the plugin inside containers (no host toolchain needed) and bakes it,
# with the provisioning, into a pinned Grafana image. Used by docker-compose.yaml.
ARG GRAFANA_VERSION=13.1.1

FROM node:22-bookworm AS frontend
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM golang:1.26-bookworm AS backend
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=frontend /src/dist ./dist
RUN go run github.com/magefile/mage@v1.17.2 -v build:linux build:linuxARM64

FROM grafana/grafana:${GRAFANA_VERSION}
COPY --from=backend /src/dist /var/lib/grafana/plugins/aiperf-monitor-app
COPY provisioning /etc/grafana/provisioning
