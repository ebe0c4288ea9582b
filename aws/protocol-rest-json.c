/*
 * protocol-rest-json.c: restJson1 (Lambda), both ways (botocore's
 * RestJSONSerializer and RestJSONParser) on top of protocol-rest.c.
 *
 * The body is the payload member (raw for a blob or string, JSON for a
 * structure, "{}" when that structure is absent) or else a JSON object of
 * the members that have no location ("{}" when the shape has such
 * members but none is set). Content-Type is application/json for JSON
 * bodies. Outputs put header and status members first, then the body's,
 * in the order botocore builds its dict (which is the CLI's key order).
 */
#include "hs-common.h"
#include "protocol-int.h"

/* Tell whether the shape has members in the body. */
static bool
has_body_members(const struct aws_shape *s, enum aws_scope scope)
{
	size_t i;

	for (i = 0; s != NULL && i < s->n_members; i++)
		if (aws_member_in_scope(&s->members[i], scope))
			return true;
	return false;
}

/* Tell whether the value sets any member in the body. */
static bool
sets_body_members(const struct aws_shape *s, const cJSON *value,
    enum aws_scope scope)
{
	size_t i;

	for (i = 0; s != NULL && i < s->n_members; i++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(value,
		    s->members[i].name);

		if (aws_member_in_scope(&s->members[i], scope) && v != NULL &&
		    !cJSON_IsNull(v))
			return true;
	}
	return false;
}

/* Write the JSON body of a structure (payload or members) into body. */
static int
write_body(const struct aws_ref *ref, const cJSON *value,
    enum aws_scope scope, struct hs_buf *body, bool *has_body, char **cause)
{
	const struct aws_shape *s = ref->shape;
	const struct aws_member *p = aws_rest_payload(ref);

	*has_body = true;
	if (p != NULL) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(value, p->name);

		if (v == NULL || cJSON_IsNull(v)) {
			hs_buf_adds(body, "{}");
			return 0;
		}
		return aws_json_body_write(body, &p->ref, v, p->name, cause);
	}
	if (sets_body_members(s, value, scope))
		return aws_json_body_write_members(body, s, value, scope, "",
		    cause);
	*has_body = has_body_members(s, scope);
	if (*has_body)
		hs_buf_adds(body, "{}");
	return 0;
}

/* Client: serialize a rest-json request. */
int
aws_restjson_serialize(const struct aws_operation *op, const cJSON *input,
    struct aws_request *req, char **cause)
{
	const struct aws_shape *s = op->input.shape;
	const struct aws_member *p = aws_rest_payload(&op->input);
	struct hs_buf body = HS_BUF_INIT;
	bool has_body = false;
	int rc;

	aws_request_set_method(req, op->http_method);
	if (aws_rest_serialize_bindings(op, input, req, cause) < 0)
		return -1;
	if (aws_rest_payload_is_raw(p)) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(input, p->name);

		if (v == NULL || cJSON_IsNull(v))
			return 0;
		return aws_rest_body_from_raw(p, v, req, cause);
	}
	if (s == NULL)
		return 0;
	rc = write_body(&op->input, input, AWS_SCOPE_REQUEST, &body, &has_body,
	    cause);
	if (rc == 0 && has_body) {
		aws_request_set_body(req, body.buf, body.len);
		if (aws_kvlist_get(&req->headers, "Content-Type") == NULL)
			aws_kvlist_set(&req->headers, "Content-Type",
			    "application/json");
	}
	hs_buf_cleanse(&body);
	return rc;
}

/* Read a JSON document text into a structure's body members. */
static int
read_json_members(const struct aws_shape *s, const char *text, size_t len,
    enum aws_scope scope, cJSON *obj, char **cause)
{
	struct aws_ref ref = { s, &s->traits };
	cJSON *doc, *parsed, *item;
	size_t i;

	for (i = 0; i < len && (text[i] == ' ' || text[i] == '\n' ||
	    text[i] == '\r' || text[i] == '\t'); i++)
		;
	if (i == len)
		return 0;
	if ((doc = aws_json_parse(text, len, cause)) == NULL)
		return -1;
	parsed = aws_json_body_read(&ref, doc, "", scope == AWS_SCOPE_REQUEST,
	    cause);
	cJSON_Delete(doc);
	if (parsed == NULL)
		return -1;
	while ((item = parsed->child) != NULL) {
		const struct aws_member *m = aws_model_find_member(s,
		    item->string);

		cJSON_DetachItemViaPointer(parsed, item);
		if (m != NULL && aws_member_in_scope(m, scope) &&
		    cJSON_GetObjectItemCaseSensitive(obj, item->string) == NULL)
			cJSON_AddItemToObject(obj, item->string, item);
		else
			cJSON_Delete(item);
	}
	cJSON_Delete(parsed);
	return 0;
}

/* Read the payload member (raw or JSON) from a body. */
static int
read_payload(const struct aws_member *p, enum aws_body_kind kind,
    const struct hs_buf *body, const char *file, off_t length, bool strict,
    cJSON *obj, char **cause)
{
	cJSON *doc, *v;

	if (p->ref.traits->flags & AWS_TRAIT_EVENTSTREAM)
		return 0;
	if (aws_rest_payload_is_raw(p)) {
		cJSON_AddItemToObject(obj, p->name, aws_rest_raw_from_body(p,
		    kind, body, file, length));
		return 0;
	}
	if (kind != AWS_BODY_MEMORY || body->len == 0)
		doc = cJSON_CreateObject();
	else if ((doc = aws_json_parse(body->buf, body->len, cause)) == NULL)
		return -1;
	v = aws_json_body_read(&p->ref, doc, p->name, strict, cause);
	cJSON_Delete(doc);
	if (v == NULL)
		return -1;
	cJSON_AddItemToObject(obj, p->name, v);
	return 0;
}

/* Parse the structure of a rest-json response (headers, then body). */
int
aws_restjson_parse_shape(const struct aws_ref *ref,
    const struct aws_response *resp, cJSON *obj, char **cause)
{
	const struct aws_shape *s = ref->shape;
	const struct aws_member *p = aws_rest_payload(ref);

	if (aws_rest_parse_bindings(s, resp->status, &resp->headers, obj,
	    cause) < 0)
		return -1;
	if (p != NULL)
		return read_payload(p, resp->body_kind, &resp->body,
		    resp->body_file, resp->body_length, false, obj, cause);
	if (resp->body_kind != AWS_BODY_MEMORY)
		return 0;
	return read_json_members(s, resp->body.buf, resp->body.len,
	    AWS_SCOPE_RESPONSE, obj, cause);
}

/* Client: parse a rest-json response. */
int
aws_restjson_parse(const struct aws_operation *op,
    const struct aws_response *resp, cJSON **output, char **cause)
{
	*output = cJSON_CreateObject();
	if (op->output.shape == NULL)
		return 0;
	if (aws_restjson_parse_shape(&op->output, resp, *output, cause) < 0) {
		cJSON_Delete(*output);
		*output = NULL;
		return -1;
	}
	return 0;
}

/* Server: decode a rest-json request. */
int
aws_restjson_decode(const struct aws_operation *op,
    const struct aws_request *req, cJSON **input, char **cause)
{
	const struct aws_shape *s = op->input.shape;
	const struct aws_member *p = aws_rest_payload(&op->input);
	int rc = 0;

	*input = cJSON_CreateObject();
	if (s == NULL)
		return 0;
	if (aws_rest_decode_bindings(op, req, *input, cause) < 0)
		rc = -1;
	else if (p != NULL && !(aws_rest_payload_is_raw(p) &&
	    req->body_kind == AWS_BODY_NONE))
		rc = read_payload(p, req->body_kind, &req->body, req->body_file,
		    req->body_file_length, true, *input, cause);
	else if (p == NULL && req->body_kind == AWS_BODY_MEMORY)
		rc = read_json_members(s, req->body.buf, req->body.len,
		    AWS_SCOPE_REQUEST, *input, cause);
	if (rc < 0) {
		cJSON_Delete(*input);
		*input = NULL;
	}
	return rc;
}

/* Server: encode a rest-json response. */
int
aws_restjson_encode(const struct aws_operation *op, const cJSON *output,
    const char *request_id, struct aws_response *resp, char **cause)
{
	const struct aws_shape *s = op->output.shape;
	const struct aws_member *p = aws_rest_payload(&op->output);
	struct hs_buf body = HS_BUF_INIT;
	bool has_body = false;
	int rc = 0;

	resp->status = op->response_code ? op->response_code : 200;
	if (request_id != NULL)
		aws_kvlist_set(&resp->headers, "x-amzn-RequestId", request_id);
	if (s == NULL || output == NULL)
		return 0;
	if (aws_rest_encode_bindings(s, output, resp, cause) < 0)
		return -1;
	if (aws_rest_payload_is_raw(p))
		return aws_rest_encode_raw(p, output, resp, cause);
	if (p != NULL || has_body_members(s, AWS_SCOPE_RESPONSE))
		rc = write_body(&op->output, output, AWS_SCOPE_RESPONSE, &body,
		    &has_body, cause);
	if (rc == 0 && has_body) {
		if (aws_kvlist_get(&resp->headers, "Content-Type") == NULL)
			aws_kvlist_set(&resp->headers, "Content-Type",
			    "application/json");
		aws_response_set_body(resp, &body);
	}
	hs_buf_release(&body);
	return rc;
}
