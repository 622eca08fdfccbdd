/** The HTTP connection options both serving connectors share (pkg/sources/serving/httpconn). */
export interface ConnectionSettings {
  url?: string;
  auth?: 'none' | 'basic' | 'bearer';
  basicAuthUser?: string;
  /** Names of custom headers; each value is the secret `header.<name>`. */
  headers?: string[];
  timeoutSeconds?: number;
  tlsSkipVerify?: boolean;
  enableSecureSocksProxy?: boolean;
}

/** Where one catalog model's metrics are (pkg/sources/serving/prometheus ModelSettings). */
export interface ServingModel {
  id: string;
  name?: string;
  version?: string;
  namespace?: string;
  selector?: string;
  runtime?: string;
  accelerator?: string;
}

export interface CustomQuery {
  series: string;
  expr: string;
  scale?: number;
}

/** The `serving` section of jsonData. */
export interface ServingSettings extends ConnectionSettings {
  connector: 'prometheus';
  runtime?: string;
  models?: ServingModel[];
  customQueries?: CustomQuery[];
}

/** One live model server of the `endpoints` section. */
export interface EndpointSettings extends ConnectionSettings {
  name: string;
  protocol: 'oip' | 'openai';
  models?: string[];
}

/** The `endpoints` section of jsonData. */
export interface EndpointsSettings {
  connector: 'live';
  endpoints: EndpointSettings[];
}

/** The runtimes of pkg/sources/serving/runtimes, by their settings names. */
export const RUNTIMES = [
  { value: '', label: 'Detect per model' },
  { value: 'triton', label: 'NVIDIA Triton' },
  { value: 'vllm', label: 'vLLM' },
  { value: 'tgi', label: 'Text Generation Inference' },
  { value: 'mlserver', label: 'Seldon MLServer' },
  { value: 'kserve', label: 'KServe' },
  { value: 'torchserve', label: 'TorchServe' },
  { value: 'bentoml', label: 'BentoML' },
  { value: 'rayserve', label: 'Ray Serve' },
  { value: 'otel-genai', label: 'OpenTelemetry GenAI' },
];
