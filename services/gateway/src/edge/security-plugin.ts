import fastifyCors from '@fastify/cors';
import fastifyHelmet from '@fastify/helmet';
import fastifyPlugin from 'fastify-plugin';
import type { ServiceApp } from '@pyairtable/kit';
import type { GatewayConfig } from '../config.ts';

/**
 * Security headers on every response (helmet's defaults: a strict CSP for the web app, no
 * sniffing, no framing, HSTS) and CORS for the origins in `CORS_ORIGINS` only: without it
 * browsers may call the API from the gateway's own origin and nowhere else.
 */
export const securityPlugin = fastifyPlugin(
  async (app: ServiceApp, config: GatewayConfig) => {
    await app.register(fastifyHelmet, {
      // The API docs UI loads its own inline styles and scripts from the gateway itself.
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
    });
    const origins = config.CORS_ORIGINS?.split(',') ?? [];
    await app.register(fastifyCors, {
      origin: origins.length === 0 ? false : origins,
      credentials: true,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: [
        'authorization',
        'content-type',
        'x-workspace-id',
        'x-api-key',
        'last-event-id',
      ],
      exposedHeaders: ['retry-after', 'x-request-id'],
      maxAge: 600,
    });
  },
  { name: 'pyairtable-gateway-security', fastify: '5.x' },
);
