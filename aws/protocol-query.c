/*
 * protocol-query.c: the query protocol (IAM, STS, CloudFormation) and its
 * ec2 variant, both ways (botocore's QuerySerializer, EC2Serializer,
 * QueryParser and EC2QueryParser).
 *
 * Requests are form bodies: Action, Version, then members in model order
 * flattened into dotted names (Tags.member.1.Key, Attributes.entry.1.key;
 * ec2: queryName or capitalised locationName, lists as Name.1, and no
 * "Name=" for an empty list). Responses are XML: <OpResponse> with the
 * output inside <OpResult> (the resultWrapper) for query, directly inside
 * for ec2, each with its own request-ID element.
 */
#include "hs-common.h"
#include "protocol-int.h"

#include <ctype.h>

/* The state of one serialization: where pairs go, which variant. */
struct qctx {
	struct aws_kvlist *params;
	bool ec2;
	char **cause;
};

static int serialize_value(struct qctx *q, const struct aws_ref *ref,
    const cJSON *v, const char *prefix, const char *path);

/* The name a member travels under (ec2: queryName, Capitalised). */
static char *
member_query_name(const struct aws_ref *ref, const char *fallback, bool ec2)
{
	const struct aws_traits *t = ref->traits;
	char *name;

	if (!ec2)
		return hs_xstrdup(aws_ref_name(ref, fallback));
	if (t->query_name != NULL)
		return hs_xstrdup(t->query_name);
	if (t->location_name == NULL)
		return hs_xstrdup(fallback);
	name = hs_xstrdup(t->location_name);
	name[0] = (char)toupper((unsigned char)name[0]);
	return name;
}

static char *
join(const char *prefix, const char *name)
{
	return *prefix ? hs_xasprintf("%s.%s", prefix, name) :
	    hs_xstrdup(name);
}

static int
type_error(struct qctx *q, const char *path, const cJSON *v, const char *want)
{
	*q->cause = hs_xasprintf("invalid type for parameter %s: got %s, "
	    "expected %s", *path ? path : "input", aws_json_type_name(v), want);
	return -1;
}

static int
serialize_structure(struct qctx *q, const struct aws_shape *s,
    const cJSON *v, const char *prefix, const char *path)
{
	size_t i;

	if (!cJSON_IsObject(v))
		return type_error(q, path, v, "an object");
	if (aws_check_members(s, v, path, q->cause) < 0)
		return -1;
	for (i = 0; i < s->n_members; i++) {
		const struct aws_member *m = &s->members[i];
		const cJSON *item = cJSON_GetObjectItemCaseSensitive(v, m->name);
		char *name, *sub, *subpath;
		int rc;

		if (item == NULL || cJSON_IsNull(item))
			continue;
		name = member_query_name(&m->ref, m->name, q->ec2);
		sub = join(prefix, name);
		subpath = aws_path_member(path, m->name);
		rc = serialize_value(q, &m->ref, item, sub, subpath);
		free(name);
		free(sub);
		free(subpath);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* The prefix of a list's items ("Foo.member", "Foo", "Parent.Item"). */
static char *
list_prefix(const struct aws_ref *ref, const char *prefix, bool ec2)
{
	const struct aws_ref *member = &ref->shape->member;
	const char *dot;

	if (ec2)
		return hs_xstrdup(prefix);
	if (!(ref->traits->flags & AWS_TRAIT_FLATTENED))
		return hs_xasprintf("%s.%s", prefix, aws_ref_name(member,
		    "member"));
	if (member->traits->location_name == NULL)
		return hs_xstrdup(prefix);
	dot = strrchr(prefix, '.');
	return dot ? hs_xasprintf("%.*s.%s", (int)(dot - prefix), prefix,
	    member->traits->location_name) :
	    hs_xstrdup(member->traits->location_name);
}

static int
serialize_list(struct qctx *q, const struct aws_ref *ref, const cJSON *v,
    const char *prefix, const char *path)
{
	const cJSON *item;
	char *base;
	size_t i = 0;
	int rc = 0;

	if (!cJSON_IsArray(v))
		return type_error(q, path, v, "a list");
	if (cJSON_GetArraySize(v) == 0) {
		if (!q->ec2)
			aws_kvlist_add(q->params, prefix, "");
		return 0;
	}
	base = list_prefix(ref, prefix, q->ec2);
	cJSON_ArrayForEach(item, v) {
		char *sub = hs_xasprintf("%s.%zu", base, i + 1);
		char *subpath = aws_path_index(path, i);

		i++;
		if (!cJSON_IsNull(item))
			rc = serialize_value(q, &ref->shape->member, item, sub,
			    subpath);
		free(sub);
		free(subpath);
		if (rc < 0)
			break;
	}
	free(base);
	return rc;
}

/* Serialize one map entry as PREFIX[.entry].I.key / .value. */
static int
serialize_entry(struct qctx *q, const struct aws_ref *ref, const cJSON *item,
    const char *base, size_t i, const char *path)
{
	const struct aws_shape *s = ref->shape;
	char *kname = member_query_name(&s->key, "key", q->ec2);
	char *vname = member_query_name(&s->value, "value", q->ec2);
	char *kp = hs_xasprintf("%s.%zu.%s", base, i, kname);
	char *vp = hs_xasprintf("%s.%zu.%s", base, i, vname);
	char *subpath = aws_path_key(path, item->string);
	cJSON *key = cJSON_CreateString(item->string);
	int rc;

	rc = serialize_value(q, &s->key, key, kp, subpath);
	if (rc == 0 && !cJSON_IsNull(item))
		rc = serialize_value(q, &s->value, item, vp, subpath);
	cJSON_Delete(key);
	free(kname);
	free(vname);
	free(kp);
	free(vp);
	free(subpath);
	return rc;
}

static int
serialize_map(struct qctx *q, const struct aws_ref *ref, const cJSON *v,
    const char *prefix, const char *path)
{
	char *base;
	const cJSON *item;
	size_t i = 0;
	int rc = 0;

	if (!cJSON_IsObject(v))
		return type_error(q, path, v, "a map (object)");
	base = (ref->traits->flags & AWS_TRAIT_FLATTENED) ? hs_xstrdup(prefix) :
	    hs_xasprintf("%s.entry", prefix);
	cJSON_ArrayForEach(item, v) {
		rc = serialize_entry(q, ref, item, base, ++i, path);
		if (rc < 0)
			break;
	}
	free(base);
	return rc;
}

static int
serialize_value(struct qctx *q, const struct aws_ref *ref, const cJSON *v,
    const char *prefix, const char *path)
{
	struct hs_buf text = HS_BUF_INIT;
	int rc;

	switch (ref->shape->type) {
	case AWS_SHAPE_STRUCTURE:
		return serialize_structure(q, ref->shape, v, prefix, path);
	case AWS_SHAPE_LIST:
		return serialize_list(q, ref, v, prefix, path);
	case AWS_SHAPE_MAP:
		return serialize_map(q, ref, v, prefix, path);
	default:
		rc = aws_scalar_to_text(&text, ref, v, aws_ref_timestamp_format(
		    ref, AWS_TIMESTAMP_ISO8601), path, q->cause);
		if (rc == 0)
			aws_kvlist_add(q->params, prefix, text.buf);
		hs_buf_release(&text);
		return rc;
	}
}

/* Append name=value pairs percent-encoded as botocore does. */
static void
encode_form(struct hs_buf *out, const struct aws_kvlist *params)
{
	size_t i;

	for (i = 0; i < params->n; i++) {
		const struct aws_kv *kv = &params->items[i];

		if (i > 0)
			hs_buf_addch(out, '&');
		aws_uri_encode(out, kv->name, strlen(kv->name), false);
		hs_buf_addch(out, '=');
		aws_uri_encode(out, kv->value, strlen(kv->value), false);
	}
}

/* Client: serialize a query or ec2 request. */
int
aws_query_serialize(const struct aws_operation *op, const cJSON *input,
    struct aws_request *req, char **cause)
{
	struct aws_kvlist params = AWS_KVLIST_INIT;
	struct hs_buf body = HS_BUF_INIT;
	struct qctx q = { &params, op->service->protocol == AWS_PROTOCOL_EC2,
	    cause };
	const char *base = req->path ? req->path : "";
	char *path;
	int rc = -1;

	aws_kvlist_add(&params, "Action", op->wire_name);
	aws_kvlist_add(&params, "Version", op->service->api_version ?
	    op->service->api_version : "");
	if (op->input.shape != NULL && serialize_structure(&q,
	    op->input.shape, input, "", "") < 0)
		goto cleanup;
	encode_form(&body, &params);
	aws_request_set_method(req, op->http_method);
	path = hs_xasprintf("%s%s", base, *base && base[strlen(base) - 1] ==
	    '/' ? "" : "/");
	aws_request_set_path(req, path);
	free(path);
	aws_kvlist_set(&req->headers, "Content-Type",
	    "application/x-www-form-urlencoded; charset=utf-8");
	aws_request_set_body(req, body.buf, body.len);
	rc = 0;
cleanup:
	aws_kvlist_cleanse(&params);
	hs_buf_cleanse(&body);
	return rc;
}

/* The <OpResult> child of a query response whose model names no
 * resultWrapper (the protocol's convention), else the root itself. */
static xmlNode *
result_element(xmlNode *root, const char *op)
{
	char *name = hs_xasprintf("%sResult", op);
	xmlNode *n = aws_xml_child(root, name);

	free(name);
	return n ? n : root;
}

/* Client: parse a query or ec2 response. */
int
aws_query_parse(const struct aws_operation *op,
    const struct aws_response *resp, cJSON **output, char **cause)
{
	const struct aws_shape *s = op->output.shape;
	const char *wrapper = op->output.traits->result_wrapper;
	xmlDocPtr doc;
	xmlNode *start;
	int rc;

	*output = cJSON_CreateObject();
	if (s == NULL || (resp->body_kind != AWS_BODY_MEMORY) ||
	    resp->body.len == 0)
		return 0;
	doc = aws_xml_parse(resp->body.buf, resp->body.len, cause);
	if (doc == NULL) {
		cJSON_Delete(*output);
		*output = NULL;
		return -1;
	}
	start = xmlDocGetRootElement(doc);
	if (wrapper != NULL)
		start = aws_xml_child(start, wrapper);
	else if (op->service->protocol == AWS_PROTOCOL_QUERY)
		start = result_element(start, op->wire_name);
	rc = start == NULL ? 0 : aws_xml_body_read_members(s, start,
	    AWS_SCOPE_ALL, *output, "", cause);
	xmlFreeDoc(doc);
	if (rc < 0) {
		cJSON_Delete(*output);
		*output = NULL;
	}
	return rc;
}

/* A form parameter, kept sorted by name for the server's lookups. */
struct form {
	struct aws_kv *items;
	size_t n;
};

static int
cmp_kv(const void *a, const void *b)
{
	return strcmp(((const struct aws_kv *)a)->name,
	    ((const struct aws_kv *)b)->name);
}

/* Add the pairs of a form-encoded text to a list. */
static int
parse_form(const char *s, size_t len, struct aws_kvlist *out)
{
	const char *end = s + len;

	while (s < end) {
		const char *amp = memchr(s, '&', (size_t)(end - s));
		const char *stop = amp ? amp : end;
		const char *eq = memchr(s, '=', (size_t)(stop - s));
		struct hs_buf k = HS_BUF_INIT, v = HS_BUF_INIT;
		int rc = aws_uri_decode(&k, s, (size_t)((eq ? eq : stop) - s),
		    true);

		if (rc == 0 && eq != NULL)
			rc = aws_uri_decode(&v, eq + 1, (size_t)(stop - eq - 1),
			    true);
		if (rc == 0 && k.len > 0)
			aws_kvlist_add(out, k.buf, v.buf);
		hs_buf_release(&k);
		hs_buf_release(&v);
		if (rc < 0)
			return -1;
		s = stop + 1;
	}
	return 0;
}

/* The parameters of a query request: its query and its form body. */
static int
request_params(const struct aws_request *req, struct aws_kvlist *out)
{
	size_t i;

	for (i = 0; i < req->query.n; i++)
		aws_kvlist_add(out, req->query.items[i].name,
		    req->query.items[i].value ? req->query.items[i].value : "");
	if (req->body_kind == AWS_BODY_MEMORY &&
	    parse_form(req->body.buf, req->body.len, out) < 0)
		return -1;
	return 0;
}

/* The Action of a query request, or NULL. */
char *
aws_query_action(const struct aws_request *req)
{
	struct aws_kvlist params = AWS_KVLIST_INIT;
	const char *action;
	char *copy = NULL;

	if (request_params(req, &params) == 0 &&
	    (action = aws_kvlist_get_exact(&params, "Action")) != NULL)
		copy = hs_xstrdup(action);
	aws_kvlist_clear(&params);
	return copy;
}

/* The value of an exact name, or NULL. */
static const char *
form_get(const struct form *f, const char *name)
{
	struct aws_kv key = { (char *)name, NULL };
	const struct aws_kv *kv = bsearch(&key, f->items, f->n, sizeof(key),
	    cmp_kv);

	return kv ? kv->value : NULL;
}

/* Tell whether some name starts with "prefix." */
static bool
form_has_children(const struct form *f, const char *prefix)
{
	size_t lo = 0, hi = f->n, plen = strlen(prefix);

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (strcmp(f->items[mid].name, prefix) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < f->n && strncmp(f->items[lo].name, prefix, plen) == 0;
	    lo++)
		if (f->items[lo].name[plen] == '.')
			return true;
	return false;
}

static int decode_value(const struct form *f, const struct aws_ref *ref,
    const char *key, bool ec2, cJSON **out, char **cause);

static int
decode_structure(const struct form *f, const struct aws_shape *s,
    const char *prefix, bool ec2, cJSON **out, char **cause)
{
	size_t i;

	*out = cJSON_CreateObject();
	for (i = 0; i < s->n_members; i++) {
		const struct aws_member *m = &s->members[i];
		char *name = member_query_name(&m->ref, m->name, ec2);
		char *key = join(prefix, name);
		cJSON *v = NULL;
		int rc = decode_value(f, &m->ref, key, ec2, &v, cause);

		free(name);
		free(key);
		if (rc < 0) {
			cJSON_Delete(*out);
			*out = NULL;
			return -1;
		}
		if (v != NULL)
			cJSON_AddItemToObject(*out, m->name, v);
	}
	return 0;
}

static int
decode_list(const struct form *f, const struct aws_ref *ref, const char *key,
    bool ec2, cJSON **out, char **cause)
{
	char *base = list_prefix(ref, key, ec2);
	const char *empty = form_get(f, key);
	size_t i;
	int rc = 0;

	if (!form_has_children(f, base) && !(empty && *empty == '\0')) {
		free(base);
		return 0;
	}
	*out = cJSON_CreateArray();
	for (i = 1; rc == 0; i++) {
		char *sub = hs_xasprintf("%s.%zu", base, i);
		cJSON *item = NULL;

		if (form_get(f, sub) == NULL && !form_has_children(f, sub)) {
			free(sub);
			break;
		}
		rc = decode_value(f, &ref->shape->member, sub, ec2, &item,
		    cause);
		free(sub);
		if (rc == 0)
			cJSON_AddItemToArray(*out, item ? item :
			    cJSON_CreateNull());
	}
	free(base);
	return rc;
}

static int
decode_map(const struct form *f, const struct aws_ref *ref, const char *key,
    bool ec2, cJSON **out, char **cause)
{
	const struct aws_shape *s = ref->shape;
	char *base = (ref->traits->flags & AWS_TRAIT_FLATTENED) ?
	    hs_xstrdup(key) : hs_xasprintf("%s.entry", key);
	char *kname = member_query_name(&s->key, "key", ec2);
	char *vname = member_query_name(&s->value, "value", ec2);
	size_t i;
	int rc = 0;

	if (form_has_children(f, base))
		*out = cJSON_CreateObject();
	for (i = 1; rc == 0 && *out != NULL; i++) {
		char *kp = hs_xasprintf("%s.%zu.%s", base, i, kname);
		char *vp = hs_xasprintf("%s.%zu.%s", base, i, vname);
		const char *k = form_get(f, kp);
		cJSON *v = NULL;

		if (k != NULL)
			rc = decode_value(f, &s->value, vp, ec2, &v, cause);
		if (k != NULL && rc == 0)
			cJSON_AddItemToObject(*out, k, v ? v : cJSON_CreateNull());
		free(kp);
		free(vp);
		if (k == NULL)
			break;
	}
	free(base);
	free(kname);
	free(vname);
	return rc;
}

static int
decode_value(const struct form *f, const struct aws_ref *ref, const char *key,
    bool ec2, cJSON **out, char **cause)
{
	const char *text;

	*out = NULL;
	switch (ref->shape->type) {
	case AWS_SHAPE_STRUCTURE:
		if (!form_has_children(f, key))
			return 0;
		return decode_structure(f, ref->shape, key, ec2, out, cause);
	case AWS_SHAPE_LIST:
		return decode_list(f, ref, key, ec2, out, cause);
	case AWS_SHAPE_MAP:
		return decode_map(f, ref, key, ec2, out, cause);
	default:
		if ((text = form_get(f, key)) == NULL)
			return 0;
		*out = aws_scalar_from_text(ref, text, strlen(text), key, cause);
		return *out ? 0 : -1;
	}
}

/* Server: decode a query or ec2 request into its input. */
int
aws_query_decode(const struct aws_operation *op,
    const struct aws_request *req, cJSON **input, char **cause)
{
	struct aws_kvlist params = AWS_KVLIST_INIT;
	struct form f;
	int rc = 0;

	*input = NULL;
	if (request_params(req, &params) < 0) {
		aws_kvlist_clear(&params);
		*cause = hs_xstrdup("malformed form-encoded request body");
		return -1;
	}
	f.items = params.items;
	f.n = params.n;
	qsort(f.items, f.n, sizeof(*f.items), cmp_kv);
	if (op->input.shape != NULL)
		rc = decode_structure(&f, op->input.shape, "",
		    op->service->protocol == AWS_PROTOCOL_EC2, input, cause);
	else
		*input = cJSON_CreateObject();
	aws_kvlist_clear(&params);
	return rc;
}

/* Server: encode a query or ec2 response. */
int
aws_query_encode(const struct aws_operation *op, const cJSON *output,
    const char *request_id, struct aws_response *resp, char **cause)
{
	const struct aws_service *svc = op->service;
	const struct aws_shape *s = op->output.shape;
	bool ec2 = svc->protocol == AWS_PROTOCOL_EC2;
	char *wrapper = op->output.traits->result_wrapper ?
	    hs_xstrdup(op->output.traits->result_wrapper) :
	    hs_xasprintf("%sResult", op->wire_name);
	struct hs_buf b = HS_BUF_INIT, id = HS_BUF_INIT;
	int rc = 0;

	aws_xml_escape(&id, request_id ? request_id : "",
	    request_id ? strlen(request_id) : 0, false);
	hs_buf_addf(&b, "<%sResponse", op->wire_name);
	if (svc->xml_namespace != NULL) {
		hs_buf_adds(&b, " xmlns=\"");
		aws_xml_escape(&b, svc->xml_namespace,
		    strlen(svc->xml_namespace), true);
		hs_buf_addch(&b, '"');
	}
	hs_buf_addch(&b, '>');
	if (ec2)
		hs_buf_addf(&b, "<requestId>%s</requestId>", id.buf);
	if (s != NULL && !ec2)
		hs_buf_addf(&b, "<%s>", wrapper);
	if (s != NULL && output != NULL)
		rc = aws_xml_body_write_members(&b, s, output, AWS_SCOPE_ALL, "",
		    cause);
	if (s != NULL && !ec2)
		hs_buf_addf(&b, "</%s>", wrapper);
	if (!ec2)
		hs_buf_addf(&b, "<ResponseMetadata><RequestId>%s</RequestId>"
		    "</ResponseMetadata>", id.buf);
	hs_buf_addf(&b, "</%sResponse>", op->wire_name);
	if (rc == 0) {
		resp->status = 200;
		aws_kvlist_set(&resp->headers, "Content-Type", "text/xml");
		if (request_id != NULL)
			aws_kvlist_set(&resp->headers, "x-amzn-RequestId",
			    request_id);
		aws_response_set_body(resp, &b);
	}
	hs_buf_release(&b);
	hs_buf_release(&id);
	free(wrapper);
	return rc;
}

/* Client: parse the modeled members of a query/ec2 error document (the
 * <Error> inside <ErrorResponse>, or inside <Response><Errors>). */
int
aws_query_parse_error_fields(const struct aws_ref *ref,
    const struct aws_response *resp, cJSON *obj, char **cause)
{
	xmlDocPtr doc;
	xmlNode *root, *e;
	int rc;

	if (resp->body_kind != AWS_BODY_MEMORY || resp->body.len == 0)
		return 0;
	if ((doc = aws_xml_parse(resp->body.buf, resp->body.len, cause)) == NULL)
		return -1;
	root = xmlDocGetRootElement(doc);
	e = aws_xml_child(root, "Error");
	if (e == NULL && aws_xml_child(root, "Errors") != NULL)
		e = aws_xml_child(aws_xml_child(root, "Errors"), "Error");
	rc = aws_xml_body_read_members(ref->shape, e ? e : root, AWS_SCOPE_ALL,
	    obj, "", cause);
	xmlFreeDoc(doc);
	return rc;
}
