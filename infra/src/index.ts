// The Pulumi program (`pulumi up --stack kind|production`, run from infra/): reads the stack's
// configuration and deploys the platform. infra/README.md describes the stacks.
import * as pulumi from '@pulumi/pulumi';
import { deployPlatform } from './platform.ts';
import { loadSettings } from './settings.ts';

const outputs = deployPlatform(loadSettings(new pulumi.Config()));

export const namespaces = outputs.namespaces;
export const connectionSecret = outputs.connectionSecret;
export const appDeployedBy = outputs.appDeployedBy;
export const grafanaUrl = outputs.grafanaUrl;
export const grafanaAdminPassword = outputs.grafanaAdminPassword;
export const chartVersions = outputs.chartVersions;
