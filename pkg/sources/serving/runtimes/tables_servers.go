package runtimes

// Tables of the general-purpose model servers. Sources: API-CONTRACTS.md §2,
// which cites each runtime's metric definitions.

// names is shorthand for a term with alternative names.
func names(n ...string) Term { return Term{Names: n} }

// triton: counters without a _total suffix (prometheus-cpp), durations in
// µs as cumulative counters, utilisation gauges already 0–1, and the
// failure counter is _failure, not _fail.
var triton = &Runtime{
	Name: "triton", Title: "NVIDIA Triton Inference Server", ModelLabel: "model", VersionLabel: "version",
	Detect: []string{"nv_inference_request_success", "nv_inference_count"},
	Series: map[Series]Mapping{
		Requests:         {Kind: Counter, Of: []Term{names("nv_inference_request_success"), names("nv_inference_request_failure")}},
		Errors:           {Kind: Counter, Of: []Term{names("nv_inference_request_failure")}},
		Latency:          {Kind: Mean, Of: []Term{names("nv_inference_request_duration_us")}, Per: []Term{names("nv_inference_request_success"), names("nv_inference_request_failure")}, Scale: 0.001},
		QueueTime:        {Kind: Mean, Of: []Term{names("nv_inference_queue_duration_us")}, Per: []Term{names("nv_inference_request_success"), names("nv_inference_request_failure")}, Scale: 0.001},
		InFlight:         {Kind: Gauge, Of: []Term{names("nv_inference_pending_request_count")}},
		BatchSize:        {Kind: Mean, Of: []Term{names("nv_inference_count")}, Per: []Term{names("nv_inference_exec_count")}},
		TimeToFirstToken: {Kind: Histogram, Of: []Term{names("nv_inference_first_response_histogram_ms")}},
		GPUUtilization:   {Kind: Gauge, Of: []Term{names("nv_gpu_utilization")}, Unscoped: true},
		GPUMemory:        {Kind: Ratio, Of: []Term{names("nv_gpu_memory_used_bytes")}, Per: []Term{names("nv_gpu_memory_total_bytes")}, Unscoped: true},
		GPUPower:         {Kind: Gauge, Of: []Term{names("nv_gpu_power_usage")}, Unscoped: true},
		CPUUtilization:   {Kind: Gauge, Of: []Term{names("nv_cpu_utilization")}, Unscoped: true},
		Memory:           {Kind: Ratio, Of: []Term{names("nv_cpu_memory_used_bytes")}, Per: []Term{names("nv_cpu_memory_total_bytes")}, Unscoped: true},
	},
}

// kserve: the python model server times each stage in histograms labelled
// model_name and counts nothing else, so requests are the predict
// histogram's count and failures are not counted.
var kserve = &Runtime{
	Name: "kserve", Title: "KServe model server", ModelLabel: "model_name",
	Detect: []string{"request_predict_seconds_bucket"},
	Series: map[Series]Mapping{
		Requests: {Kind: Counter, Of: []Term{names("request_predict_seconds_count")}},
		Latency:  {Kind: Histogram, Of: []Term{names("request_predict_seconds")}, Scale: 1000},
	},
}

// mlserver: prometheus_client counters (_total) labelled model and version
// (not model_name/model_version as its docs say); the duration is a
// Summary without quantiles, so latency is a mean. The REST metrics carry
// no model (paths are grouped), so in-flight is the server's.
var mlserver = &Runtime{
	Name: "mlserver", Title: "Seldon MLServer", ModelLabel: "model", VersionLabel: "version",
	Detect: []string{"model_infer_request_success_total", "model_infer_request_success"},
	Series: map[Series]Mapping{
		Requests: {Kind: Counter, Of: []Term{
			names("model_infer_request_success_total", "model_infer_request_success"),
			names("model_infer_request_failure_total", "model_infer_request_failure")}},
		Errors:   {Kind: Counter, Of: []Term{names("model_infer_request_failure_total", "model_infer_request_failure")}},
		Latency:  {Kind: Mean, Of: []Term{names("model_infer_request_duration_sum")}, Per: []Term{names("model_infer_request_duration_count")}, Scale: 1000},
		InFlight: {Kind: Gauge, Of: []Term{names("rest_server_requests_in_progress")}, Unscoped: true},
	},
}

// torchserve (metrics_mode=prometheus): latencies are µs counters per model;
// the status-class counters and the system gauges are per host, and the
// system gauges are percentages.
var torchserve = &Runtime{
	Name: "torchserve", Title: "TorchServe", ModelLabel: "model_name", VersionLabel: "model_version",
	Detect: []string{"ts_inference_requests_total"},
	Series: map[Series]Mapping{
		Requests:       {Kind: Counter, Of: []Term{names("ts_inference_requests_total")}},
		Errors:         {Kind: Counter, Of: []Term{names("Requests5XX_total", "Requests5XX")}, Unscoped: true},
		Latency:        {Kind: Mean, Of: []Term{names("ts_inference_latency_microseconds")}, Per: []Term{names("ts_inference_requests_total")}, Scale: 0.001},
		QueueTime:      {Kind: Mean, Of: []Term{names("ts_queue_latency_microseconds")}, Per: []Term{names("ts_inference_requests_total")}, Scale: 0.001},
		CPUUtilization: {Kind: Gauge, Of: []Term{names("CPUUtilization")}, Scale: 0.01, Unscoped: true},
		Memory:         {Kind: Gauge, Of: []Term{names("MemoryUtilization")}, Scale: 0.01, Unscoped: true},
		GPUUtilization: {Kind: Gauge, Of: []Term{names("GPUUtilization")}, Scale: 0.01, Unscoped: true},
		GPUMemory:      {Kind: Gauge, Of: []Term{names("GPUMemoryUtilization")}, Scale: 0.01, Unscoped: true},
	},
}

// bentoml: one request counter and histogram labelled by service and HTTP
// status; failures are the 5xx responses.
var bentoml = &Runtime{
	Name: "bentoml", Title: "BentoML", ModelLabel: "service_name", VersionLabel: "service_version",
	Detect: []string{"bentoml_service_request_total"},
	Series: map[Series]Mapping{
		Requests:  {Kind: Counter, Of: []Term{names("bentoml_service_request_total")}},
		Errors:    {Kind: Counter, Of: []Term{{Names: []string{"bentoml_service_request_total"}, Match: `http_response_code=~"5.."`}}},
		Latency:   {Kind: Histogram, Of: []Term{names("bentoml_service_request_duration_seconds")}, Scale: 1000},
		InFlight:  {Kind: Gauge, Of: []Term{names("bentoml_service_request_in_progress")}},
		BatchSize: {Kind: Histogram, Of: []Term{names("bentoml_service_adaptive_batch_size")}},
	},
}

// rayServe: the deployment metrics (ray_ prefix on the metrics-export
// port), with the deployment as the model; latency histograms are in ms.
var rayServe = &Runtime{
	Name: "rayserve", Title: "Ray Serve", ModelLabel: "deployment",
	Detect: []string{"ray_serve_deployment_request_counter_total"},
	Series: map[Series]Mapping{
		Requests: {Kind: Counter, Of: []Term{names("ray_serve_deployment_request_counter_total")}},
		Errors:   {Kind: Counter, Of: []Term{names("ray_serve_deployment_error_counter_total")}},
		Latency:  {Kind: Histogram, Of: []Term{names("ray_serve_deployment_processing_latency_ms")}, Scale: 1},
		InFlight: {Kind: Gauge, Of: []Term{names("ray_serve_replica_processing_queries")}},
	},
}
