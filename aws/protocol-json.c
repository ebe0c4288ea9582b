/*
 * protocol-json.c: awsJson 1.0 and 1.1 (ECR, Logs, KMS, ECS), both ways
 * (botocore's JSONSerializer and JSONParser).
 *
 * Every request is a POST to "/" with X-Amz-Target: TargetPrefix.Operation
 * (the API name, as botocore sends it), Content-Type
 * application/x-amz-json-1.x and the input as a JSON object ("{}" when
 * empty). Services marked awsQueryCompatible also get x-amzn-query-mode.
 */
#include "hs-common.h"
#include "protocol-int.h"

/* The Content-Type of the service's JSON version. */
static char *
content_type(const struct aws_service *svc)
{
	return hs_xasprintf("application/x-amz-json-%s",
	    svc->json_version ? svc->json_version : "1.0");
}

/* Client: serialize a json request. */
int
aws_json_serialize(const struct aws_operation *op, const cJSON *input,
    struct aws_request *req, char **cause)
{
	const struct aws_service *svc = op->service;
	struct hs_buf body = HS_BUF_INIT;
	const char *base = req->path ? req->path : "";
	char *target, *ctype, *path;
	int rc = 0;

	if (op->input.shape != NULL)
		rc = aws_json_body_write_members(&body, op->input.shape, input,
		    AWS_SCOPE_ALL, "", cause);
	else
		hs_buf_adds(&body, "{}");
	if (rc < 0) {
		hs_buf_cleanse(&body);
		return -1;
	}
	aws_request_set_method(req, op->http_method);
	path = hs_xasprintf("%s%s", base, *base && base[strlen(base) - 1] ==
	    '/' ? "" : "/");
	aws_request_set_path(req, path);
	target = hs_xasprintf("%s.%s", svc->target_prefix ?
	    svc->target_prefix : "", op->name);
	ctype = content_type(svc);
	aws_kvlist_set(&req->headers, "X-Amz-Target", target);
	aws_kvlist_set(&req->headers, "Content-Type", ctype);
	if (svc->query_compatible)
		aws_kvlist_set(&req->headers, "x-amzn-query-mode", "true");
	aws_request_set_body(req, body.buf, body.len);
	free(path);
	free(target);
	free(ctype);
	hs_buf_cleanse(&body);
	return 0;
}

/* Parse a JSON body, "{}" when empty. */
static cJSON *
parse_body(const char *text, size_t len, char **cause)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (text[i] != ' ' && text[i] != '\n' && text[i] != '\r' &&
		    text[i] != '\t')
			break;
	if (i == len)
		return cJSON_CreateObject();
	return aws_json_parse(text, len, cause);
}

/* Read a structure from a JSON body text into a new object. */
static int
read_body(const struct aws_shape *s, const struct hs_buf *body, bool strict,
    cJSON **out, char **cause)
{
	struct aws_ref ref = { s, &s->traits };
	cJSON *doc = parse_body(body->buf, body->len, cause);

	*out = NULL;
	if (doc == NULL)
		return -1;
	*out = aws_json_body_read(&ref, doc, "", strict, cause);
	cJSON_Delete(doc);
	return *out ? 0 : -1;
}

/* Client: parse a json response. */
int
aws_json_parse_output(const struct aws_operation *op,
    const struct aws_response *resp, cJSON **output, char **cause)
{
	if (op->output.shape == NULL || resp->body_kind != AWS_BODY_MEMORY) {
		*output = cJSON_CreateObject();
		return 0;
	}
	return read_body(op->output.shape, &resp->body, false, output, cause);
}

/* Server: decode a json request. */
int
aws_json_decode(const struct aws_operation *op, const struct aws_request *req,
    cJSON **input, char **cause)
{
	static const struct hs_buf empty = HS_BUF_INIT;

	if (op->input.shape == NULL) {
		*input = cJSON_CreateObject();
		return 0;
	}
	return read_body(op->input.shape, req->body_kind == AWS_BODY_MEMORY ?
	    &req->body : &empty, true, input, cause);
}

/* Server: encode a json response. */
int
aws_json_encode(const struct aws_operation *op, const cJSON *output,
    const char *request_id, struct aws_response *resp, char **cause)
{
	struct hs_buf body = HS_BUF_INIT;
	char *ctype;
	int rc = 0;

	if (op->output.shape != NULL && output != NULL)
		rc = aws_json_body_write_members(&body, op->output.shape,
		    output, AWS_SCOPE_ALL, "", cause);
	else
		hs_buf_adds(&body, "{}");
	if (rc == 0) {
		resp->status = 200;
		ctype = content_type(op->service);
		aws_kvlist_set(&resp->headers, "Content-Type", ctype);
		free(ctype);
		if (request_id != NULL)
			aws_kvlist_set(&resp->headers, "x-amzn-RequestId",
			    request_id);
		aws_response_set_body(resp, &body);
	}
	hs_buf_release(&body);
	return rc;
}

/* Client: parse the modeled members of a json error body into obj. */
int
aws_json_parse_error_fields(const struct aws_ref *ref,
    const struct aws_response *resp, cJSON *obj, char **cause)
{
	cJSON *parsed, *item;

	if (resp->body_kind != AWS_BODY_MEMORY)
		return 0;
	if (read_body(ref->shape, &resp->body, false, &parsed, cause) < 0)
		return -1;
	while ((item = parsed->child) != NULL) {
		cJSON_DetachItemViaPointer(parsed, item);
		cJSON_AddItemToObject(obj, item->string, item);
	}
	cJSON_Delete(parsed);
	return 0;
}
