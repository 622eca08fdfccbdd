import type { ConfigSectionProps } from '../configSections';

/** Secure settings are filed under `<role>.<key>` (endpoints: `endpoints.<name>.<key>`). */
export function isSecretSet(props: ConfigSectionProps, key: string): boolean {
  return Boolean((props.options.secureJsonFields as Record<string, boolean> | undefined)?.[key]);
}

/** Stores a secret; it goes to the server encrypted and never comes back. */
export function setSecret(props: ConfigSectionProps, key: string, value: string) {
  props.onOptionsChange({
    ...props.options,
    secureJsonData: { ...(props.options.secureJsonData as Record<string, string> | undefined), [key]: value },
  });
}

/** Clears a stored secret so a new one can be typed. */
export function resetSecret(props: ConfigSectionProps, key: string) {
  props.onOptionsChange({
    ...props.options,
    secureJsonFields: { ...props.options.secureJsonFields, [key]: false },
    secureJsonData: { ...(props.options.secureJsonData as Record<string, string> | undefined), [key]: '' },
  });
}
