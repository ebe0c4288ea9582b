/*
 * protocol-rest-xml.c: restXml (S3), both ways (botocore's
 * RestXMLSerializer and RestXMLParser) on top of protocol-rest.c.
 *
 * The body is the payload member (raw for a blob or string, an element
 * named by its locationName for a structure, nothing when absent) or an
 * element named by the input's locationName holding the members that
 * have no location. botocore sends no Content-Type here, and neither do
 * we. Responses the sandbox encodes start with an XML declaration and use
 * the service's namespace when the model names none.
 */
#include "hs-common.h"
#include "protocol-int.h"

static const char xml_declaration[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/* Tell whether the value sets any member in the body. */
static bool
sets_body_members(const struct aws_shape *s, const cJSON *value,
    enum aws_scope scope)
{
	size_t i;

	for (i = 0; s != NULL && i < s->n_members; i++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(value,
		    s->members[i].name);

		if (aws_member_in_scope(&s->members[i], scope) &&
		    !(s->members[i].ref.traits->flags & AWS_TRAIT_XML_ATTRIBUTE)
		    && v != NULL && !cJSON_IsNull(v))
			return true;
	}
	return false;
}

/* Write the root element of the body members of value. */
static int
write_members_root(const struct aws_ref *ref, const char *root,
    const cJSON *value, enum aws_scope scope, const char *default_ns,
    struct hs_buf *body, char **cause)
{
	const struct aws_shape *s = ref->shape;
	const char *name = root ? root : aws_ref_name(ref, s->name);
	const char *ns = ref->traits->xmlns_uri ? ref->traits->xmlns_uri :
	    default_ns;

	hs_buf_addf(body, "<%s", name);
	if (ns != NULL) {
		hs_buf_adds(body, " xmlns");
		if (ref->traits->xmlns_uri && ref->traits->xmlns_prefix)
			hs_buf_addf(body, ":%s", ref->traits->xmlns_prefix);
		hs_buf_adds(body, "=\"");
		aws_xml_escape(body, ns, strlen(ns), true);
		hs_buf_addch(body, '"');
	}
	if (aws_xml_body_write_attributes(body, s, value, "", cause) < 0)
		return -1;
	hs_buf_addch(body, '>');
	if (aws_xml_body_write_members(body, s, value, scope, "", cause) < 0)
		return -1;
	hs_buf_addf(body, "</%s>", name);
	return 0;
}

/* Write the XML body of a structure value (payload or members). */
static int
write_body(const struct aws_ref *ref, const char *root, const cJSON *value,
    enum aws_scope scope, const char *default_ns, struct hs_buf *body,
    char **cause)
{
	const struct aws_member *p = aws_rest_payload(ref);

	if (p != NULL) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(value, p->name);

		if (v == NULL || cJSON_IsNull(v))
			return 0;
		if (p->ref.shape->type == AWS_SHAPE_STRUCTURE &&
		    p->ref.traits->xmlns_uri == NULL && default_ns != NULL) {
			struct aws_traits t = *p->ref.traits;
			struct aws_ref r = { p->ref.shape, &t };

			t.xmlns_uri = default_ns;
			return aws_xml_body_write(body, &r, v,
			    aws_ref_name(&p->ref, p->name), p->name, cause);
		}
		return aws_xml_body_write(body, &p->ref, v, aws_ref_name(&p->ref,
		    p->name), p->name, cause);
	}
	if (!sets_body_members(ref->shape, value, scope))
		return 0;
	return write_members_root(ref, root, value, scope, default_ns, body,
	    cause);
}

/* Client: serialize a rest-xml request. */
int
aws_restxml_serialize(const struct aws_operation *op, const cJSON *input,
    struct aws_request *req, char **cause)
{
	const struct aws_shape *s = op->input.shape;
	const struct aws_member *p = aws_rest_payload(&op->input);
	struct hs_buf body = HS_BUF_INIT;
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
	rc = write_body(&op->input, NULL, input, AWS_SCOPE_REQUEST, NULL, &body,
	    cause);
	if (rc == 0 && body.len > 0)
		aws_request_set_body(req, body.buf, body.len);
	hs_buf_cleanse(&body);
	return rc;
}

/* Read the root element of an XML body into a structure's members. */
static int
read_xml(const struct aws_ref *ref, const char *text, size_t len,
    enum aws_scope scope, const char *key, cJSON *obj, char **cause)
{
	xmlDocPtr doc = aws_xml_parse(text, len, cause);
	xmlNode *root;
	cJSON *v = NULL;
	int rc;

	if (doc == NULL)
		return -1;
	root = xmlDocGetRootElement(doc);
	if ((ref->shape->flags & AWS_SHAPE_EXCEPTION) &&
	    strcmp(aws_xml_name(root), "ErrorResponse") == 0 &&
	    aws_xml_child(root, "Error") != NULL)
		root = aws_xml_child(root, "Error");
	if (key != NULL) {
		rc = aws_xml_body_read(ref, &root, 1, key, &v, cause);
		if (rc == 0 && v != NULL)
			cJSON_AddItemToObject(obj, key, v);
	} else
		rc = aws_xml_body_read_members(ref->shape, root, scope, obj, "",
		    cause);
	xmlFreeDoc(doc);
	return rc;
}

/* Read a structure's body (payload or members) from a body. */
static int
read_body(const struct aws_ref *ref, enum aws_scope scope,
    enum aws_body_kind kind, const struct hs_buf *body, const char *file,
    off_t length, cJSON *obj, char **cause)
{
	const struct aws_member *p = aws_rest_payload(ref);
	bool empty = kind != AWS_BODY_MEMORY || body->len == 0;

	if (p != NULL && (p->ref.traits->flags & AWS_TRAIT_EVENTSTREAM))
		return 0;
	if (aws_rest_payload_is_raw(p)) {
		cJSON_AddItemToObject(obj, p->name, aws_rest_raw_from_body(p,
		    kind, body, file, length));
		return 0;
	}
	if (p != NULL && empty) {
		cJSON_AddItemToObject(obj, p->name, cJSON_CreateObject());
		return 0;
	}
	if (empty)
		return 0;
	if (p != NULL)
		return read_xml(&p->ref, body->buf, body->len, scope, p->name,
		    obj, cause);
	return read_xml(ref, body->buf, body->len, scope, NULL, obj, cause);
}

/* Parse the structure of a rest-xml response (headers, then body). */
int
aws_restxml_parse_shape(const struct aws_ref *ref,
    const struct aws_response *resp, cJSON *obj, char **cause)
{
	if (aws_rest_parse_bindings(ref->shape, resp->status, &resp->headers,
	    obj, cause) < 0)
		return -1;
	return read_body(ref, AWS_SCOPE_RESPONSE, resp->body_kind, &resp->body,
	    resp->body_file, resp->body_length, obj, cause);
}

/* Client: parse a rest-xml response. */
int
aws_restxml_parse(const struct aws_operation *op,
    const struct aws_response *resp, cJSON **output, char **cause)
{
	*output = cJSON_CreateObject();
	if (op->output.shape == NULL)
		return 0;
	if (aws_restxml_parse_shape(&op->output, resp, *output, cause) < 0) {
		cJSON_Delete(*output);
		*output = NULL;
		return -1;
	}
	return 0;
}

/* Server: decode a rest-xml request. */
int
aws_restxml_decode(const struct aws_operation *op,
    const struct aws_request *req, cJSON **input, char **cause)
{
	const struct aws_member *p = aws_rest_payload(&op->input);
	int rc = 0;

	*input = cJSON_CreateObject();
	if (op->input.shape == NULL)
		return 0;
	if (aws_rest_decode_bindings(op, req, *input, cause) < 0)
		rc = -1;
	else if (p == NULL || req->body_kind != AWS_BODY_NONE) {
		bool empty = req->body_kind != AWS_BODY_MEMORY ||
		    req->body.len == 0;

		if (!(p != NULL && !aws_rest_payload_is_raw(p) && empty))
			rc = read_body(&op->input, AWS_SCOPE_REQUEST,
			    req->body_kind, &req->body, req->body_file,
			    req->body_file_length, *input, cause);
	}
	if (rc < 0) {
		cJSON_Delete(*input);
		*input = NULL;
	}
	return rc;
}

/* Server: encode a rest-xml response. */
int
aws_restxml_encode(const struct aws_operation *op, const cJSON *output,
    const char *request_id, struct aws_response *resp, char **cause)
{
	const struct aws_shape *s = op->output.shape;
	const struct aws_member *p = aws_rest_payload(&op->output);
	struct hs_buf body = HS_BUF_INIT;
	int rc = 0;

	resp->status = op->response_code ? op->response_code : 200;
	if (request_id != NULL)
		aws_kvlist_set(&resp->headers, "x-amz-request-id", request_id);
	if (s == NULL || output == NULL)
		return 0;
	if (aws_rest_encode_bindings(s, output, resp, cause) < 0)
		return -1;
	if (aws_rest_payload_is_raw(p))
		return aws_rest_encode_raw(p, output, resp, cause);
	hs_buf_adds(&body, xml_declaration);
	rc = write_body(&op->output, aws_s3_output_root(op), output,
	    AWS_SCOPE_RESPONSE, op->service->xml_namespace, &body, cause);
	if (rc == 0 && body.len > strlen(xml_declaration)) {
		aws_kvlist_set(&resp->headers, "Content-Type",
		    "application/xml");
		aws_response_set_body(resp, &body);
	}
	hs_buf_release(&body);
	return rc;
}
