import { Type } from 'typebox';
import type { TString } from 'typebox';

/** Object names (of Secrets, Tenants...) are DNS-1123 subdomains. */
export const DNS_SUBDOMAIN_PATTERN =
  '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';

/** The longest DNS-1123 subdomain, hence the longest object name. */
export const DNS_SUBDOMAIN_MAX_LENGTH = 253;

/** The name of an object in the same namespace, described by `description`. */
export function objectName(description: string): TString {
  return Type.String({
    description,
    minLength: 1,
    maxLength: DNS_SUBDOMAIN_MAX_LENGTH,
    pattern: DNS_SUBDOMAIN_PATTERN,
  });
}

/** The display name of a Tenant or Workspace: one to 200 characters, not only blanks. */
export const DisplayName = Type.String({
  description: 'Name shown to people, 1 to 200 characters.',
  minLength: 1,
  maxLength: 200,
  'x-kubernetes-validations': [
    { rule: 'self.trim().size() > 0', message: 'displayName must not be empty' },
  ],
});
