/*
 * protocol.c: the protocol-independent steps around the per-protocol
 * files: idempotency tokens, hostPrefix, checksums, the request's
 * bookkeeping fields, error detection and request IDs, and dispatch in
 * both directions, client and server.
 */
#include "hs-common.h"
#include "protocol-int.h"

#include <ctype.h>

/* Replace a response's body by a copy of b (in memory). */
void
aws_response_set_body(struct aws_response *resp, const struct hs_buf *b)
{
	hs_buf_reset(&resp->body);
	if (hs_buf_add(&resp->body, b->buf, b->len) < 0)
		BUG("response body of %zu bytes passes its cap", b->len);
	free(resp->body_file);
	resp->body_file = NULL;
	resp->body_kind = AWS_BODY_MEMORY;
	resp->body_length = (off_t)b->len;
}

static int
unsupported(const struct aws_service *svc, char **cause)
{
	*cause = hs_xasprintf("service '%s' uses the %s protocol, which "
	    "hipaa-shell does not speak", svc->name,
	    svc->protocol_name ? svc->protocol_name : "unknown");
	return -1;
}

/* Fill missing idempotency-token members with UUID4 strings. */
int
aws_protocol_fill_idempotency_tokens(const struct aws_operation *op,
    cJSON *input)
{
	const struct aws_shape *s = op->input.shape;
	size_t i;
	int n = 0;

	for (i = 0; s != NULL && i < s->n_members; i++) {
		const struct aws_member *m = &s->members[i];
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(input, m->name);
		char uuid[37];

		if (!(m->ref.traits->flags & AWS_TRAIT_IDEMPOTENCY_TOKEN) ||
		    (v != NULL && !cJSON_IsNull(v)))
			continue;
		if (v != NULL)
			cJSON_DeleteItemFromObjectCaseSensitive(input, m->name);
		aws_uuid4(uuid);
		cJSON_AddStringToObject(input, m->name, uuid);
		n++;
	}
	return n;
}

/* Tell whether a host label is alphanumerics, hyphens and periods. */
static bool
valid_host_label(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '.')
			return false;
	return true;
}

/* Expand the operation's hostPrefix ("{AccountId}.") with the input. */
static int
expand_host_prefix(const struct aws_operation *op, const cJSON *input,
    struct hs_buf *out, char **cause)
{
	const char *t = op->host_prefix, *close;

	while (*t) {
		const cJSON *v;
		char *name;

		if (*t != '{') {
			hs_buf_addch(out, *t++);
			continue;
		}
		if ((close = strchr(t, '}')) == NULL)
			break;
		name = hs_xstrndup(t + 1, (size_t)(close - t - 1));
		v = cJSON_GetObjectItemCaseSensitive(input, name);
		if (!cJSON_IsString(v) || !valid_host_label(v->valuestring)) {
			*cause = hs_xasprintf("invalid value for parameter %s: "
			    "it goes into the host name, so it must be "
			    "non-empty and contain only alphanumeric "
			    "characters, hyphen, or period", name);
			free(name);
			return -1;
		}
		hs_buf_adds(out, v->valuestring);
		free(name);
		t = close + 1;
	}
	return 0;
}

/* Prepend the hostPrefix to req->host. */
static int
apply_host_prefix(const struct aws_operation *op, const cJSON *input,
    struct aws_request *req, char **cause)
{
	struct hs_buf prefix = HS_BUF_INIT;
	char *host;

	if (expand_host_prefix(op, input, &prefix, cause) < 0) {
		hs_buf_release(&prefix);
		return -1;
	}
	if (req->host == NULL) {
		hs_buf_release(&prefix);
		*cause = hs_xasprintf("cannot apply the host prefix of %s: "
		    "the request has no endpoint yet", op->name);
		return -1;
	}
	host = hs_xasprintf("%s%s", prefix.buf, req->host);
	free(req->host);
	req->host = host;
	hs_buf_release(&prefix);
	return 0;
}

static void
set_field(char **field, const char *value)
{
	free(*field);
	*field = hs_xstrdup(value);
}

/* Serialize with the protocol of the operation's service. */
static int
dispatch_serialize(const struct aws_operation *op, const cJSON *input,
    struct aws_request *req, char **cause)
{
	switch (op->service->protocol) {
	case AWS_PROTOCOL_QUERY:
	case AWS_PROTOCOL_EC2:
		return aws_query_serialize(op, input, req, cause);
	case AWS_PROTOCOL_JSON:
		return aws_json_serialize(op, input, req, cause);
	case AWS_PROTOCOL_REST_JSON:
		return aws_restjson_serialize(op, input, req, cause);
	case AWS_PROTOCOL_REST_XML:
		return aws_restxml_serialize(op, input, req, cause);
	default:
		return unsupported(op->service, cause);
	}
}

/* Serialize input into req with the default compression size. */
int
aws_protocol_serialize(const struct aws_operation *op, const cJSON *input,
    unsigned flags, struct aws_request *req, char **cause)
{
	struct aws_serialize_opts opts = { flags,
		AWS_COMPRESSION_MIN_SIZE_DEFAULT };

	return aws_protocol_serialize_opts(op, input, &opts, req, cause);
}

/* Serialize input into req. */
int
aws_protocol_serialize_opts(const struct aws_operation *op,
    const cJSON *input, const struct aws_serialize_opts *opts,
    struct aws_request *req, char **cause)
{
	unsigned flags = opts->flags;
	cJSON *copy = input ? cJSON_Duplicate(input, true) :
	    cJSON_CreateObject();
	int rc = -1;

	if (!cJSON_IsObject(copy)) {
		*cause = hs_xasprintf("invalid input for %s: expected a JSON "
		    "object, got %s", op->name, aws_json_type_name(copy));
		goto cleanup;
	}
	if (!(flags & AWS_SERIALIZE_NO_IDEMPOTENCY_TOKEN))
		aws_protocol_fill_idempotency_tokens(op, copy);
	if (aws_s3_auto_url_encoding(op, copy))
		cJSON_AddStringToObject(copy, "EncodingType", "url");
	if (dispatch_serialize(op, copy, req, cause) < 0)
		goto cleanup;
	if (!(flags & AWS_SERIALIZE_NO_COMPRESSION) && aws_protocol_compress(op,
	    opts->compression_min_size, req, cause) < 0)
		goto cleanup;
	if (aws_checksum_apply(op, copy, flags, req, cause) < 0)
		goto cleanup;
	if (op->host_prefix != NULL && !(flags & AWS_SERIALIZE_NO_HOST_PREFIX)
	    && apply_host_prefix(op, copy, req, cause) < 0)
		goto cleanup;
	set_field(&req->service_id, op->service->name);
	set_field(&req->operation, op->name);
	rc = 0;
cleanup:
	cJSON_Delete(copy);
	return rc;
}

/* Tell whether a response is an error. */
bool
aws_protocol_is_error(const struct aws_operation *op,
    const struct aws_response *resp)
{
	return resp->status >= 301 || aws_s3_is_200_error(op, resp);
}

/* Parse with the protocol of the operation's service. */
static int
dispatch_parse(const struct aws_operation *op,
    const struct aws_response *resp, cJSON **output, char **cause)
{
	switch (op->service->protocol) {
	case AWS_PROTOCOL_QUERY:
	case AWS_PROTOCOL_EC2:
		return aws_query_parse(op, resp, output, cause);
	case AWS_PROTOCOL_JSON:
		return aws_json_parse_output(op, resp, output, cause);
	case AWS_PROTOCOL_REST_JSON:
		return aws_restjson_parse(op, resp, output, cause);
	case AWS_PROTOCOL_REST_XML:
		return aws_restxml_parse(op, resp, output, cause);
	default:
		return unsupported(op->service, cause);
	}
}

/* Parse a response into an output or an error. */
int
aws_protocol_parse(const struct aws_operation *op, const cJSON *input,
    const struct aws_response *resp, cJSON **output, struct aws_error *err,
    char **cause)
{
	int rc;

	*output = NULL;
	if (aws_protocol_is_error(op, resp)) {
		aws_error_parse(op->service, resp, err);
		return AWS_PARSE_SERVICE_ERROR;
	}
	if (aws_s3_special_parse(op, resp, output, &rc, cause))
		return rc;
	rc = dispatch_parse(op, resp, output, cause);
	if (rc == 0 && aws_s3_auto_url_encoding(op, input))
		aws_s3_decode_keys(op, *output);
	return rc;
}

/* The error code of a response, or NULL when it is not an error. */
char *
aws_protocol_error_code(const struct aws_operation *op,
    const struct aws_response *resp)
{
	struct aws_error err = AWS_ERROR_INIT;
	char *code;

	if (!aws_protocol_is_error(op, resp))
		return NULL;
	aws_error_parse(op->service, resp, &err);
	code = err.code;
	err.code = NULL;
	aws_error_clear(&err);
	return code;
}

/* The request ID in a query-style body (ResponseMetadata, requestId). */
static char *
body_request_id(const struct aws_response *resp)
{
	static const char *const paths[][2] = {
		{ "ResponseMetadata", "RequestId" },
		{ "requestId", NULL },
		{ "RequestId", NULL },
		{ "RequestID", NULL },
	};
	char *cause = NULL, *id = NULL;
	xmlDocPtr doc;
	xmlNode *root, *n;
	size_t i;

	if (resp->body_kind != AWS_BODY_MEMORY || resp->body.len == 0)
		return NULL;
	if ((doc = aws_xml_parse(resp->body.buf, resp->body.len, &cause)) ==
	    NULL) {
		free(cause);
		return NULL;
	}
	root = xmlDocGetRootElement(doc);
	for (i = 0; i < HS_ARRAY_SIZE(paths) && id == NULL; i++) {
		n = aws_xml_child(root, paths[i][0]);
		if (n != NULL && paths[i][1] != NULL)
			n = aws_xml_child(n, paths[i][1]);
		if (n != NULL)
			id = aws_xml_text(n);
	}
	xmlFreeDoc(doc);
	return id;
}

/* The request ID of a response, or NULL. */
char *
aws_protocol_request_id(const struct aws_operation *op,
    const struct aws_response *resp)
{
	char *id = aws_error_request_id(resp);

	if (id == NULL && (op->service->protocol == AWS_PROTOCOL_QUERY ||
	    op->service->protocol == AWS_PROTOCOL_EC2))
		id = body_request_id(resp);
	return id;
}

/* The timestamp format a member uses on the wire in its place. */
enum aws_timestamp_format
aws_protocol_timestamp_format(const struct aws_service *svc,
    const struct aws_ref *ref)
{
	if (ref->traits->timestamp_format != AWS_TIMESTAMP_DEFAULT)
		return ref->traits->timestamp_format;
	switch (ref->traits->location) {
	case AWS_LOCATION_HEADER:
		return AWS_TIMESTAMP_RFC822;
	case AWS_LOCATION_URI:
	case AWS_LOCATION_QUERYSTRING:
		return AWS_TIMESTAMP_ISO8601;
	default:
		return svc->protocol == AWS_PROTOCOL_JSON ||
		    svc->protocol == AWS_PROTOCOL_REST_JSON ?
		    AWS_TIMESTAMP_UNIX : AWS_TIMESTAMP_ISO8601;
	}
}

/* Server: the operation of a query request (by Action, the wire name). */
static const struct aws_operation *
find_query_operation(const struct aws_service *svc,
    const struct aws_request *req, char **cause)
{
	char *action = aws_query_action(req);
	size_t i;

	if (action == NULL) {
		*cause = hs_xstrdup("the request has no Action parameter");
		return NULL;
	}
	for (i = 0; i < svc->n_operations; i++)
		if (strcmp(svc->operations[i].wire_name, action) == 0) {
			free(action);
			return &svc->operations[i];
		}
	*cause = hs_xasprintf("unknown action '%s' for %s", action, svc->name);
	free(action);
	return NULL;
}

/* Server: the operation of a json request (by X-Amz-Target). */
static const struct aws_operation *
find_json_operation(const struct aws_service *svc,
    const struct aws_request *req, char **cause)
{
	const char *target = aws_kvlist_get(&req->headers, "X-Amz-Target");
	const char *dot = target ? strrchr(target, '.') : NULL;
	const struct aws_operation *op = NULL;
	const char *prefix = svc->target_prefix ? svc->target_prefix : "";

	if (dot != NULL && (size_t)(dot - target) == strlen(prefix) &&
	    strncmp(target, prefix, strlen(prefix)) == 0)
		op = aws_model_find_operation(svc, dot + 1);
	if (op == NULL)
		*cause = hs_xasprintf("unknown operation '%s' for %s",
		    target ? target : "(no X-Amz-Target)", svc->name);
	return op;
}

/* Server: the most specific rest operation matching method and path. */
static const struct aws_operation *
find_rest_operation(const struct aws_service *svc,
    const struct aws_request *req, char **cause)
{
	const struct aws_operation *best = NULL;
	const char *path = req->path ? req->path : "/";
	int best_score = -1;
	size_t i;

	for (i = 0; i < svc->n_operations; i++) {
		const struct aws_operation *op = &svc->operations[i];
		int score;

		if (req->method == NULL ||
		    strcmp(op->http_method, req->method) != 0)
			continue;
		score = aws_rest_route_score(op, req);
		if (score > best_score) {
			best = op;
			best_score = score;
		}
	}
	if (best == NULL)
		*cause = hs_xasprintf("no operation of %s matches %s %s",
		    svc->name, req->method ? req->method : "?", path);
	return best;
}

/* Server: the operation a received request is for. */
const struct aws_operation *
aws_protocol_find_operation(const struct aws_service *svc,
    const struct aws_request *req, char **cause)
{
	switch (svc->protocol) {
	case AWS_PROTOCOL_QUERY:
	case AWS_PROTOCOL_EC2:
		return find_query_operation(svc, req, cause);
	case AWS_PROTOCOL_JSON:
		return find_json_operation(svc, req, cause);
	case AWS_PROTOCOL_REST_JSON:
	case AWS_PROTOCOL_REST_XML:
		return find_rest_operation(svc, req, cause);
	default:
		unsupported(svc, cause);
		return NULL;
	}
}

/* Server: fill hostLabel members the request left out from the host
 * ("{AccountId}." matched against "123456789012.example.com"). */
static void
decode_host_labels(const struct aws_operation *op, const char *host,
    cJSON *input)
{
	const char *t = op->host_prefix, *h = host, *close;

	while (t != NULL && *t && *h) {
		char *name, *value, stop[2] = { 0, 0 };
		size_t n;

		if (*t != '{') {
			if (*t++ != *h++)
				return;
			continue;
		}
		if ((close = strchr(t, '}')) == NULL)
			return;
		stop[0] = close[1];
		n = stop[0] ? strcspn(h, stop) : strlen(h);
		name = hs_xstrndup(t + 1, (size_t)(close - t - 1));
		value = hs_xstrndup(h, n);
		if (aws_model_find_member(op->input.shape, name) != NULL &&
		    cJSON_GetObjectItemCaseSensitive(input, name) == NULL)
			cJSON_AddStringToObject(input, name, value);
		free(name);
		free(value);
		h += n;
		t = close + 1;
	}
}

/* Server: decode a request into the operation's input. */
int
aws_protocol_decode_request(const struct aws_operation *op,
    const struct aws_request *req, cJSON **input, char **cause)
{
	int rc;

	*input = NULL;
	switch (op->service->protocol) {
	case AWS_PROTOCOL_QUERY:
	case AWS_PROTOCOL_EC2:
		rc = aws_query_decode(op, req, input, cause);
		break;
	case AWS_PROTOCOL_JSON:
		rc = aws_json_decode(op, req, input, cause);
		break;
	case AWS_PROTOCOL_REST_JSON:
		rc = aws_restjson_decode(op, req, input, cause);
		break;
	case AWS_PROTOCOL_REST_XML:
		rc = aws_restxml_decode(op, req, input, cause);
		break;
	default:
		return unsupported(op->service, cause);
	}
	if (rc == 0 && op->host_prefix != NULL && req->host != NULL)
		decode_host_labels(op, req->host, *input);
	return rc;
}

/* Server: encode an operation's output into resp. */
int
aws_protocol_encode_response(const struct aws_operation *op,
    const cJSON *output, const char *request_id, struct aws_response *resp,
    char **cause)
{
	int rc;

	if (aws_s3_special_encode(op, output, resp, &rc, cause)) {
		if (request_id != NULL)
			aws_kvlist_set(&resp->headers, "x-amz-request-id",
			    request_id);
		return rc;
	}
	switch (op->service->protocol) {
	case AWS_PROTOCOL_QUERY:
	case AWS_PROTOCOL_EC2:
		return aws_query_encode(op, output, request_id, resp, cause);
	case AWS_PROTOCOL_JSON:
		return aws_json_encode(op, output, request_id, resp, cause);
	case AWS_PROTOCOL_REST_JSON:
		return aws_restjson_encode(op, output, request_id, resp, cause);
	case AWS_PROTOCOL_REST_XML:
		return aws_restxml_encode(op, output, request_id, resp, cause);
	default:
		return unsupported(op->service, cause);
	}
}
