/*
 * protocol-error.c: service errors in each protocol's format, both ways.
 *
 *   query      <ErrorResponse><Error><Type/><Code/><Message/></Error>
 *              <RequestId/></ErrorResponse>
 *   ec2        <Response><Errors><Error><Code/><Message/></Error></Errors>
 *              <RequestID/></Response>
 *   rest-xml   <Error><Code/><Message/><RequestId/><HostId/></Error>, or
 *              no body at all (HEAD): the code is then the status ("404")
 *   json       {"__type": "ns#Code:uri", "message": ...}; awsQuery-
 *              compatible services add x-amzn-query-error: Code;Sender
 *   rest-json  X-Amzn-ErrorType: Code:uri (else the body's code/__type)
 *
 * As in botocore, codes lose any "prefix#" and ":suffix", a 5xx answer
 * with an empty or HTML body is a generic error named by its status (but
 * an X-Amzn-ErrorType header still names it, unlike botocore), and
 * a modeled error (found by error code, else by shape name) has its
 * members parsed into err->fields.
 */
#include "hs-common.h"
#include "protocol-int.h"

#include <ctype.h>
#include <strings.h>

/* Free what an error holds. */
void
aws_error_clear(struct aws_error *err)
{
	struct aws_error empty = AWS_ERROR_INIT;

	free(err->code);
	free(err->message);
	free(err->type);
	free(err->request_id);
	free(err->host_id);
	cJSON_Delete(err->fields);
	*err = empty;
}

/* Format an error as the AWS CLI does. */
char *
aws_error_describe(const struct aws_error *err, const char *operation)
{
	return hs_xasprintf("An error occurred (%s) when calling the %s "
	    "operation: %s", err->code ? err->code : "Unknown",
	    operation ? operation : "unknown", err->message ? err->message :
	    "");
}

/* The reason phrase of an HTTP status, as Python's http.client has it. */
static const char *
reason_phrase(int status)
{
	static const struct {
		int status;
		const char *text;
	} phrases[] = {
		{ 301, "Moved Permanently" }, { 302, "Found" },
		{ 304, "Not Modified" }, { 307, "Temporary Redirect" },
		{ 400, "Bad Request" }, { 401, "Unauthorized" },
		{ 403, "Forbidden" }, { 404, "Not Found" },
		{ 405, "Method Not Allowed" }, { 409, "Conflict" },
		{ 411, "Length Required" }, { 412, "Precondition Failed" },
		{ 413, "Request Entity Too Large" },
		{ 416, "Requested Range Not Satisfiable" },
		{ 429, "Too Many Requests" },
		{ 500, "Internal Server Error" }, { 501, "Not Implemented" },
		{ 502, "Bad Gateway" }, { 503, "Service Unavailable" },
		{ 504, "Gateway Timeout" },
	};
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(phrases); i++)
		if (phrases[i].status == status)
			return phrases[i].text;
	return "";
}

/* Strip "prefix#" and ":suffix" from an error code. */
static char *
clean_code(const char *code)
{
	const char *hash, *colon;

	colon = strchr(code, ':');
	if (colon == NULL)
		colon = code + strlen(code);
	hash = code;
	for (const char *p = code; p < colon; p++)
		if (*p == '#')
			hash = p + 1;
	return hs_xstrndup(hash, (size_t)(colon - hash));
}

static char *
dup_header(const struct aws_response *resp, const char *name)
{
	const char *v = aws_kvlist_get(&resp->headers, name);

	return v ? hs_xstrdup(v) : NULL;
}

/* Tell whether a body is only whitespace, or starts with <html>. */
static bool
generic_body(const struct aws_response *resp)
{
	size_t i = 0;

	if (resp->body_kind != AWS_BODY_MEMORY)
		return true;
	while (i < resp->body.len && isspace((unsigned char)resp->body.buf[i]))
		i++;
	return i == resp->body.len || strncmp(resp->body.buf + i, "<html>",
	    6) == 0;
}

/* Fill a generic error: the status is the code (botocore). */
static void
generic_error(const struct aws_response *resp, struct aws_error *err)
{
	err->code = hs_xasprintf("%d", resp->status);
	err->message = hs_xstrdup(reason_phrase(resp->status));
}

static char *
child_text(xmlNode *node, const char *name)
{
	xmlNode *c = node ? aws_xml_child(node, name) : NULL;

	return c ? aws_xml_text(c) : NULL;
}

/* Find the <Error> element of an XML error document. */
static xmlNode *
xml_error_node(xmlNode *root)
{
	xmlNode *errors;

	if (strcmp(aws_xml_name(root), "Error") == 0)
		return root;
	if (aws_xml_child(root, "Error") != NULL)
		return aws_xml_child(root, "Error");
	errors = aws_xml_child(root, "Errors");
	return errors ? aws_xml_child(errors, "Error") : NULL;
}

/* Parse an XML error body (query, ec2, rest-xml). */
static int
parse_xml_error(const struct aws_response *resp, struct aws_error *err)
{
	char *cause = NULL, *id;
	xmlDocPtr doc = aws_xml_parse(resp->body.buf, resp->body.len, &cause);
	xmlNode *root, *e;

	free(cause);
	if (doc == NULL)
		return -1;
	root = xmlDocGetRootElement(doc);
	e = xml_error_node(root);
	err->code = child_text(e, "Code");
	err->message = child_text(e, "Message");
	err->type = child_text(e, "Type");
	id = child_text(root, "RequestId");
	if (id == NULL)
		id = child_text(root, "RequestID");
	if (id == NULL)
		id = child_text(e, "RequestId");
	if (err->request_id == NULL)
		err->request_id = id;
	else
		free(id);
	if (err->host_id == NULL)
		err->host_id = child_text(e, "HostId");
	xmlFreeDoc(doc);
	return 0;
}

/* The code in a JSON error body or headers (json and rest-json). */
static char *
json_error_code(const struct aws_service *svc, const struct aws_response *resp,
    const cJSON *body)
{
	const char *header = aws_kvlist_get(&resp->headers, "x-amzn-errortype");
	const cJSON *c;

	if (svc->protocol == AWS_PROTOCOL_REST_JSON && header != NULL)
		return clean_code(header);
	if (svc->protocol == AWS_PROTOCOL_REST_JSON) {
		c = cJSON_GetObjectItemCaseSensitive(body, "code");
		if (c == NULL)
			c = cJSON_GetObjectItemCaseSensitive(body, "Code");
		if (cJSON_IsString(c))
			return clean_code(c->valuestring);
	}
	c = cJSON_GetObjectItemCaseSensitive(body, "__type");
	if (cJSON_IsString(c))
		return clean_code(c->valuestring);
	if (header != NULL)
		return clean_code(header);
	return hs_xasprintf("%d", resp->status);
}

/* Parse a JSON error body (json, rest-json). */
static void
parse_json_error(const struct aws_service *svc,
    const struct aws_response *resp, struct aws_error *err)
{
	char *cause = NULL;
	cJSON *body = NULL;
	const cJSON *msg;
	const char *query_error;

	if (resp->body_kind == AWS_BODY_MEMORY && resp->body.len > 0)
		body = aws_json_parse(resp->body.buf, resp->body.len, &cause);
	free(cause);
	if (body == NULL && resp->body_kind == AWS_BODY_MEMORY &&
	    resp->body.len > 0) {
		body = cJSON_CreateObject();
		cJSON_AddStringToObject(body, "message", resp->body.buf);
	}
	msg = cJSON_GetObjectItemCaseSensitive(body, "message");
	if (!cJSON_IsString(msg))
		msg = cJSON_GetObjectItemCaseSensitive(body, "Message");
	err->message = hs_xstrdup(cJSON_IsString(msg) ? msg->valuestring : "");
	err->code = json_error_code(svc, resp, body);
	query_error = aws_kvlist_get(&resp->headers, "x-amzn-query-error");
	if (query_error != NULL && strchr(query_error, ';') != NULL &&
	    *query_error != ';') {
		free(err->code);
		err->code = hs_xstrndup(query_error,
		    strcspn(query_error, ";"));
		err->type = hs_xstrdup(strchr(query_error, ';') + 1);
	}
	cJSON_Delete(body);
}

/* The modeled error shape of a code: by error code, else shape name. */
static const struct aws_shape *
error_shape(const struct aws_service *svc, const char *code)
{
	const struct aws_shape *s = aws_model_find_error(svc, code);

	if (s == NULL && code != NULL) {
		s = aws_model_find_shape(svc, code);
		if (s != NULL && !(s->flags & AWS_SHAPE_EXCEPTION))
			s = NULL;
	}
	return s;
}

/* Parse the modeled members of an error into err->fields. */
static void
parse_error_fields(const struct aws_service *svc,
    const struct aws_response *resp, struct aws_error *err)
{
	struct aws_ref ref;
	char *cause = NULL;
	cJSON *obj = cJSON_CreateObject();
	int rc = 0;

	err->shape = error_shape(svc, err->code);
	if (err->shape == NULL) {
		cJSON_Delete(obj);
		return;
	}
	ref.shape = err->shape;
	ref.traits = &err->shape->traits;
	switch (svc->protocol) {
	case AWS_PROTOCOL_QUERY:
	case AWS_PROTOCOL_EC2:
		rc = aws_query_parse_error_fields(&ref, resp, obj, &cause);
		break;
	case AWS_PROTOCOL_JSON:
		rc = aws_json_parse_error_fields(&ref, resp, obj, &cause);
		break;
	case AWS_PROTOCOL_REST_JSON:
		rc = aws_restjson_parse_shape(&ref, resp, obj, &cause);
		break;
	case AWS_PROTOCOL_REST_XML:
		rc = aws_restxml_parse_shape(&ref, resp, obj, &cause);
		break;
	default:
		break;
	}
	free(cause);
	if (rc < 0) {
		cJSON_Delete(obj);
		obj = cJSON_CreateObject();
	}
	err->fields = obj;
}

/* The request ID in a response's headers, or NULL. */
char *
aws_error_request_id(const struct aws_response *resp)
{
	char *id = dup_header(resp, "x-amzn-RequestId");

	if (id == NULL)
		id = dup_header(resp, "x-amz-request-id");
	return id;
}

/* Parse an error response of any protocol into err. */
void
aws_error_parse(const struct aws_service *svc, const struct aws_response *resp,
    struct aws_error *err)
{
	bool xml = svc->protocol == AWS_PROTOCOL_QUERY ||
	    svc->protocol == AWS_PROTOCOL_EC2 ||
	    svc->protocol == AWS_PROTOCOL_REST_XML;

	aws_error_clear(err);
	err->status = resp->status;
	err->request_id = aws_error_request_id(resp);
	err->host_id = dup_header(resp, "x-amz-id-2");
	if ((resp->status >= 500 && generic_body(resp) &&
	    aws_kvlist_get(&resp->headers, "x-amzn-errortype") == NULL) ||
	    (xml && generic_body(resp))) {
		generic_error(resp, err);
		return;
	}
	if (xml && parse_xml_error(resp, err) < 0) {
		generic_error(resp, err);
		return;
	}
	if (!xml)
		parse_json_error(svc, resp, err);
	if (err->code == NULL)
		err->code = hs_xstrdup("");
	if (err->message == NULL)
		err->message = hs_xstrdup("");
	parse_error_fields(svc, resp, err);
}

/* The status an encoded error answers with. */
static int
error_status(const struct aws_error *err)
{
	if (err->status)
		return err->status;
	if (err->shape && err->shape->error_status)
		return err->shape->error_status;
	return err->shape && (err->shape->flags & AWS_SHAPE_FAULT) ? 500 : 400;
}

/* Tell whether a field name is one the envelope writes itself. */
static bool
envelope_field(const char *name)
{
	return strcasecmp(name, "Code") == 0 ||
	    strcasecmp(name, "Message") == 0 || strcmp(name, "Type") == 0 ||
	    strcmp(name, "RequestId") == 0 || strcmp(name, "__type") == 0;
}

/* A copy of the modeled fields without the envelope's own names. */
static cJSON *
extra_fields(const struct aws_error *err, bool keep_type)
{
	cJSON *copy = err->fields ? cJSON_Duplicate(err->fields, true) :
	    cJSON_CreateObject();
	cJSON *item = copy->child, *next;

	for (; item != NULL; item = next) {
		next = item->next;
		if (envelope_field(item->string) &&
		    !(keep_type && strcmp(item->string, "Type") == 0))
			cJSON_Delete(cJSON_DetachItemViaPointer(copy,
			    item));
	}
	return copy;
}

/* Append <Name>escaped text</Name>. */
static void
xml_element(struct hs_buf *b, const char *name, const char *text)
{
	hs_buf_addf(b, "<%s>", name);
	aws_xml_escape(b, text ? text : "", text ? strlen(text) : 0, false);
	hs_buf_addf(b, "</%s>", name);
}

/* Append the modeled fields of an error as XML members. */
static int
xml_fields(struct hs_buf *b, const struct aws_error *err, char **cause)
{
	cJSON *extra;
	int rc;

	if (err->fields == NULL)
		return 0;
	if (err->shape == NULL) {
		/* unmodeled members (S3's <BucketName>, <Key>): text only */
		const cJSON *item;

		cJSON_ArrayForEach(item, err->fields)
			if (cJSON_IsString(item) && !envelope_field(item->string))
				xml_element(b, item->string, item->valuestring);
		return 0;
	}
	extra = extra_fields(err, false);
	rc = aws_xml_body_write_members(b, err->shape, extra,
	    AWS_SCOPE_RESPONSE, "", cause);
	cJSON_Delete(extra);
	return rc;
}

static int
encode_xml_error(const struct aws_service *svc, const struct aws_error *err,
    const char *code, struct hs_buf *b, char **cause)
{
	bool sender = !(err->shape && (err->shape->flags & AWS_SHAPE_FAULT)) &&
	    error_status(err) < 500;

	if (svc->protocol == AWS_PROTOCOL_REST_XML) {
		hs_buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<Error>");
		xml_element(b, "Code", code);
		xml_element(b, "Message", err->message);
		if (xml_fields(b, err, cause) < 0)
			return -1;
		xml_element(b, "RequestId", err->request_id);
		xml_element(b, "HostId", err->host_id);
		hs_buf_adds(b, "</Error>");
		return 0;
	}
	if (svc->protocol == AWS_PROTOCOL_EC2) {
		hs_buf_adds(b, "<Response><Errors><Error>");
		xml_element(b, "Code", code);
		xml_element(b, "Message", err->message);
		hs_buf_adds(b, "</Error></Errors>");
		xml_element(b, "RequestID", err->request_id);
		hs_buf_adds(b, "</Response>");
		return 0;
	}
	hs_buf_adds(b, "<ErrorResponse");
	if (svc->xml_namespace != NULL) {
		hs_buf_adds(b, " xmlns=\"");
		aws_xml_escape(b, svc->xml_namespace, strlen(svc->xml_namespace),
		    true);
		hs_buf_addch(b, '"');
	}
	hs_buf_adds(b, "><Error>");
	xml_element(b, "Type", err->type ? err->type : sender ? "Sender" :
	    "Receiver");
	xml_element(b, "Code", code);
	xml_element(b, "Message", err->message);
	if (xml_fields(b, err, cause) < 0)
		return -1;
	hs_buf_adds(b, "</Error>");
	xml_element(b, "RequestId", err->request_id);
	hs_buf_adds(b, "</ErrorResponse>");
	return 0;
}

static int
encode_json_error(const struct aws_service *svc, const struct aws_error *err,
    const char *code, struct hs_buf *b, char **cause)
{
	bool rest = svc->protocol == AWS_PROTOCOL_REST_JSON;
	const char *msg_key = "message";
	cJSON *extra = extra_fields(err, rest);
	int rc = 0;

	if (err->shape && aws_model_find_member(err->shape, "Message"))
		msg_key = "Message";
	hs_buf_addch(b, '{');
	if (!rest) {
		aws_json_write_string(b, "__type", 6);
		hs_buf_addch(b, ':');
		aws_json_write_string(b, code, strlen(code));
		hs_buf_addch(b, ',');
	}
	aws_json_write_string(b, msg_key, strlen(msg_key));
	hs_buf_addch(b, ':');
	aws_json_write_string(b, err->message ? err->message : "",
	    err->message ? strlen(err->message) : 0);
	if (err->shape != NULL && extra->child != NULL) {
		struct hs_buf fields = HS_BUF_INIT;

		rc = aws_json_body_write_members(&fields, err->shape, extra,
		    AWS_SCOPE_RESPONSE, "", cause);
		if (rc == 0 && fields.len > 2) {
			hs_buf_addch(b, ',');
			hs_buf_add(b, fields.buf + 1, fields.len - 2);
		}
		hs_buf_release(&fields);
	}
	hs_buf_addch(b, '}');
	cJSON_Delete(extra);
	return rc;
}

/* Server: encode an error in the service's format. */
int
aws_protocol_encode_error(const struct aws_service *svc,
    const struct aws_error *err, struct aws_response *resp, char **cause)
{
	const char *code = err->code ? err->code : err->shape ?
	    err->shape->error_code : "InternalFailure";
	struct hs_buf b = HS_BUF_INIT;
	bool xml = svc->protocol == AWS_PROTOCOL_QUERY ||
	    svc->protocol == AWS_PROTOCOL_EC2 ||
	    svc->protocol == AWS_PROTOCOL_REST_XML;
	int rc;

	rc = xml ? encode_xml_error(svc, err, code, &b, cause) :
	    encode_json_error(svc, err, code, &b, cause);
	if (rc < 0) {
		hs_buf_release(&b);
		return -1;
	}
	resp->status = error_status(err);
	aws_protocol_error_headers(svc, err, code, resp);
	aws_response_set_body(resp, &b);
	hs_buf_release(&b);
	return 0;
}

/* Set the headers of an encoded error. */
void
aws_protocol_error_headers(const struct aws_service *svc,
    const struct aws_error *err, const char *code, struct aws_response *resp)
{
	char *ctype;

	switch (svc->protocol) {
	case AWS_PROTOCOL_REST_XML:
		aws_kvlist_set(&resp->headers, "Content-Type", "application/xml");
		if (err->request_id)
			aws_kvlist_set(&resp->headers, "x-amz-request-id",
			    err->request_id);
		if (err->host_id)
			aws_kvlist_set(&resp->headers, "x-amz-id-2",
			    err->host_id);
		return;
	case AWS_PROTOCOL_REST_JSON:
		aws_kvlist_set(&resp->headers, "Content-Type", "application/json");
		aws_kvlist_set(&resp->headers, "X-Amzn-ErrorType", code);
		break;
	case AWS_PROTOCOL_JSON:
		ctype = hs_xasprintf("application/x-amz-json-%s",
		    svc->json_version ? svc->json_version : "1.0");
		aws_kvlist_set(&resp->headers, "Content-Type", ctype);
		free(ctype);
		if (svc->query_compatible) {
			char *q = hs_xasprintf("%s;%s", code, err->type ?
			    err->type : error_status(err) >= 500 ? "Receiver" :
			    "Sender");

			aws_kvlist_set(&resp->headers, "x-amzn-query-error", q);
			free(q);
		}
		break;
	default:
		aws_kvlist_set(&resp->headers, "Content-Type", "text/xml");
		break;
	}
	if (err->request_id)
		aws_kvlist_set(&resp->headers, "x-amzn-RequestId",
		    err->request_id);
}
