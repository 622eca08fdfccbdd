package runtimes

// Tables of the language-model servers, the OpenTelemetry GenAI
// conventions and NVIDIA's GPU exporter (API-CONTRACTS.md §2).

// vllm: colon-named metrics labelled model_name; histograms in seconds; the
// KV-cache gauge is 0–1 and was renamed (gpu_cache_usage_perc is the old
// name), as was the time per output token (now inter_token_latency). vLLM
// counts finished requests, not failed ones.
var vllm = &Runtime{
	Name: "vllm", Title: "vLLM", ModelLabel: "model_name",
	Detect: []string{"vllm:num_requests_running", "vllm:prompt_tokens_total"},
	Series: map[Series]Mapping{
		Requests:           {Kind: Counter, Of: []Term{names("vllm:request_success_total")}},
		Latency:            {Kind: Histogram, Of: []Term{names("vllm:e2e_request_latency_seconds")}, Scale: 1000},
		QueueTime:          {Kind: Histogram, Of: []Term{names("vllm:request_queue_time_seconds")}, Scale: 1000},
		InFlight:           {Kind: Gauge, Of: []Term{names("vllm:num_requests_running"), names("vllm:num_requests_waiting")}},
		TokensIn:           {Kind: Counter, Of: []Term{names("vllm:prompt_tokens_total")}},
		TokensOut:          {Kind: Counter, Of: []Term{names("vllm:generation_tokens_total")}},
		TimeToFirstToken:   {Kind: Histogram, Of: []Term{names("vllm:time_to_first_token_seconds")}, Scale: 1000},
		TimePerOutputToken: {Kind: Histogram, Of: []Term{names("vllm:inter_token_latency_seconds", "vllm:time_per_output_token_seconds")}, Scale: 1000},
		KVCache:            {Kind: Gauge, Of: []Term{names("vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc")}},
	},
}

// tgi: Hugging Face Text Generation Inference serves one model per server
// and labels nothing with it, so every series is narrowed by the model's
// selector (its job or pod). Token counts are histograms per request:
// their _sum counters are the token totals.
var tgi = &Runtime{
	Name: "tgi", Title: "Text Generation Inference",
	Detect: []string{"tgi_request_count", "tgi_queue_size"},
	Series: map[Series]Mapping{
		Requests:           {Kind: Counter, Of: []Term{names("tgi_request_count", "tgi_request_count_total")}, Unscoped: true},
		Errors:             {Kind: Counter, Of: []Term{names("tgi_request_failure", "tgi_request_failure_total")}, Unscoped: true},
		Latency:            {Kind: Histogram, Of: []Term{names("tgi_request_duration")}, Scale: 1000, Unscoped: true},
		QueueTime:          {Kind: Histogram, Of: []Term{names("tgi_request_queue_duration")}, Scale: 1000, Unscoped: true},
		InFlight:           {Kind: Gauge, Of: []Term{names("tgi_queue_size"), names("tgi_batch_current_size")}, Unscoped: true},
		BatchSize:          {Kind: Histogram, Of: []Term{names("tgi_batch_next_size")}, Unscoped: true},
		TokensIn:           {Kind: Counter, Of: []Term{names("tgi_request_input_length_sum")}, Unscoped: true},
		TokensOut:          {Kind: Counter, Of: []Term{names("tgi_request_generated_tokens_sum")}, Unscoped: true},
		TimePerOutputToken: {Kind: Histogram, Of: []Term{names("tgi_request_mean_time_per_token_duration")}, Scale: 1000, Unscoped: true},
	},
}

// otelGenAI: the GenAI semantic conventions as an OpenTelemetry collector
// exports them to Prometheus (dots to underscores, the unit s as a
// _seconds suffix). Server-side names come first, the client-side ones of
// an instrumented application second; failures carry error_type.
var otelGenAI = &Runtime{
	Name: "otel-genai", Title: "OpenTelemetry GenAI conventions", ModelLabel: "gen_ai_request_model",
	Detect: []string{"gen_ai_server_request_duration_seconds_bucket", "gen_ai_client_operation_duration_seconds_bucket"},
	Series: map[Series]Mapping{
		Requests: {Kind: Counter, Of: []Term{names("gen_ai_server_request_duration_seconds_count", "gen_ai_client_operation_duration_seconds_count")}},
		Errors: {Kind: Counter, Of: []Term{{Names: []string{"gen_ai_server_request_duration_seconds_count", "gen_ai_client_operation_duration_seconds_count"},
			Match: `error_type!=""`}}},
		Latency:            {Kind: Histogram, Of: []Term{names("gen_ai_server_request_duration_seconds", "gen_ai_client_operation_duration_seconds")}, Scale: 1000},
		TokensIn:           {Kind: Counter, Of: []Term{{Names: []string{"gen_ai_client_token_usage_sum"}, Match: `gen_ai_token_type="input"`}}},
		TokensOut:          {Kind: Counter, Of: []Term{{Names: []string{"gen_ai_client_token_usage_sum"}, Match: `gen_ai_token_type="output"`}}},
		TimeToFirstToken:   {Kind: Histogram, Of: []Term{names("gen_ai_server_time_to_first_token_seconds", "gen_ai_client_operation_time_to_first_chunk_seconds")}, Scale: 1000},
		TimePerOutputToken: {Kind: Histogram, Of: []Term{names("gen_ai_server_time_per_output_token_seconds", "gen_ai_client_operation_time_per_output_chunk_seconds")}, Scale: 1000},
	},
}

// dcgm: NVIDIA's DCGM exporter: utilisation in percent (0–100), frame
// buffer used and free in MiB (the ratio cancels the unit), power in W.
// Its GPUs are a model's through the model's selector (namespace, pod).
var dcgm = &Runtime{
	Name: "dcgm", Title: "NVIDIA DCGM exporter", Accelerator: true,
	Detect: []string{"DCGM_FI_DEV_GPU_UTIL"},
	Series: map[Series]Mapping{
		GPUUtilization: {Kind: Gauge, Of: []Term{names("DCGM_FI_DEV_GPU_UTIL")}, Scale: 0.01, Unscoped: true},
		GPUMemory:      {Kind: Ratio, Of: []Term{names("DCGM_FI_DEV_FB_USED")}, Per: []Term{names("DCGM_FI_DEV_FB_USED"), names("DCGM_FI_DEV_FB_FREE")}, Unscoped: true},
		GPUPower:       {Kind: Gauge, Of: []Term{names("DCGM_FI_DEV_POWER_USAGE")}, Unscoped: true},
	},
}
