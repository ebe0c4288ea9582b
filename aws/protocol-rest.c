/*
 * protocol-rest.c: the HTTP bindings that rest-json and rest-xml share,
 * both ways: URI labels ({Bucket}, greedy {Key+}), query string members
 * (scalars, lists, and maps that add many names), headers (lists joined
 * with commas, jsonvalue as base64 JSON, timestamps as RFC 822 by
 * default), header maps with a prefix, and the status code; plus raw
 * payloads (a blob or string member that is the whole body, streamed from
 * or to a file when it is {"file": PATH}).
 *
 * Query parameters are ordered as botocore emits them: the literals of
 * the requestUri first ("?uploads", "?list-type=2"), then members in
 * model order, a name set twice keeping its first place and its last
 * value (Python dict semantics).
 */
#include "hs-common.h"
#include "protocol-int.h"

#include <ctype.h>
#include <strings.h>

/* One query name with its values, before the list is flattened. */
struct qparam {
	char *name;
	char **values;
	size_t n;
};

struct qlist {
	struct qparam *items;
	size_t n;
};

static void
qlist_clear(struct qlist *q)
{
	size_t i, j;

	for (i = 0; i < q->n; i++) {
		for (j = 0; j < q->items[i].n; j++)
			free(q->items[i].values[j]);
		free(q->items[i].values);
		free(q->items[i].name);
	}
	free(q->items);
	q->items = NULL;
	q->n = 0;
}

/* Set name to no values (dict semantics: keep the first position). */
static struct qparam *
qlist_set(struct qlist *q, const char *name)
{
	struct qparam *p;
	size_t i;

	for (i = 0; i < q->n; i++) {
		if (strcmp(q->items[i].name, name) != 0)
			continue;
		p = &q->items[i];
		while (p->n > 0)
			free(p->values[--p->n]);
		return p;
	}
	q->items = hs_xreallocarray(q->items, q->n + 1, sizeof(*q->items));
	p = &q->items[q->n++];
	p->name = hs_xstrdup(name);
	p->values = NULL;
	p->n = 0;
	return p;
}

static void
qparam_add(struct qparam *p, const char *value)
{
	p->values = hs_xreallocarray(p->values, p->n + 1, sizeof(char *));
	p->values[p->n++] = hs_xstrdup(value);
}

/* The payload member of a structure reference, or NULL. */
const struct aws_member *
aws_rest_payload(const struct aws_ref *ref)
{
	if (ref->shape == NULL || ref->traits->payload == NULL)
		return NULL;
	return aws_model_find_member(ref->shape, ref->traits->payload);
}

/* Tell whether a payload member is a raw body (blob or string). */
bool
aws_rest_payload_is_raw(const struct aws_member *m)
{
	return m != NULL && (m->ref.shape->type == AWS_SHAPE_BLOB ||
	    m->ref.shape->type == AWS_SHAPE_STRING);
}

/* Text of a scalar for a URI label or query string. */
static int
uri_text(struct hs_buf *out, const struct aws_ref *ref, const cJSON *v,
    const char *path, char **cause)
{
	return aws_scalar_to_text(out, ref, v, aws_ref_timestamp_format(ref,
	    AWS_TIMESTAMP_ISO8601), path, cause);
}

/* Add a querystring member's values to the query list. */
static int
add_query_member(struct qlist *q, const struct aws_member *m,
    const cJSON *v, const char *path, char **cause)
{
	const struct aws_shape *s = m->ref.shape;
	const char *name = aws_ref_name(&m->ref, m->name);
	struct hs_buf text = HS_BUF_INIT;
	const cJSON *item, *sub;
	struct qparam *p;

	if (s->type == AWS_SHAPE_MAP) {
		if (!cJSON_IsObject(v))
			goto bad;
		cJSON_ArrayForEach(item, v) {
			p = qlist_set(q, item->string);
			if (cJSON_IsArray(item))
				cJSON_ArrayForEach(sub, item)
					if (cJSON_IsString(sub))
						qparam_add(p, sub->valuestring);
			if (cJSON_IsString(item))
				qparam_add(p, item->valuestring);
		}
		return 0;
	}
	p = qlist_set(q, name);
	if (s->type == AWS_SHAPE_LIST) {
		if (!cJSON_IsArray(v))
			goto bad;
		cJSON_ArrayForEach(item, v) {
			hs_buf_reset(&text);
			if (uri_text(&text, &s->member, item, path, cause) < 0)
				goto fail;
			qparam_add(p, text.buf);
		}
	} else {
		if (uri_text(&text, &m->ref, v, path, cause) < 0)
			goto fail;
		qparam_add(p, text.buf);
	}
	hs_buf_release(&text);
	return 0;
bad:
	*cause = hs_xasprintf("invalid type for parameter %s: got %s, "
	    "expected %s", path, aws_json_type_name(v),
	    s->type == AWS_SHAPE_MAP ? "a map (object)" : "a list");
fail:
	hs_buf_release(&text);
	return -1;
}

/* Append a string list item, quoted when it holds a comma or quote. */
static void
add_header_list_string(struct hs_buf *out, const char *s)
{
	const char *p;

	if (strpbrk(s, ",\"") == NULL) {
		hs_buf_adds(out, s);
		return;
	}
	hs_buf_addch(out, '"');
	for (p = s; *p; p++) {
		if (*p == '"')
			hs_buf_addch(out, '\\');
		hs_buf_addch(out, *p);
	}
	hs_buf_addch(out, '"');
}

/* Append JSON as Python's json.dumps(separators=(',', ':')) does:
 * ASCII only, other characters as \uXXXX. */
static void
add_ascii_json(struct hs_buf *out, const cJSON *v)
{
	struct hs_buf raw = HS_BUF_INIT;
	size_t i;

	aws_json_write_value(&raw, v);
	for (i = 0; i < raw.len; i++) {
		unsigned char c = (unsigned char)raw.buf[i];
		unsigned long cp;
		int extra;

		if (c < 0x80) {
			hs_buf_addch(out, c);
			continue;
		}
		extra = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : 1;
		cp = c & (0x3f >> extra);
		while (extra-- > 0 && i + 1 < raw.len)
			cp = cp << 6 | ((unsigned char)raw.buf[++i] & 0x3f);
		if (cp >= 0x10000) {
			cp -= 0x10000;
			hs_buf_addf(out, "\\u%04lx\\u%04lx", 0xd800 + (cp >> 10),
			    0xdc00 + (cp & 0x3ff));
		} else
			hs_buf_addf(out, "\\u%04lx", cp);
	}
	hs_buf_release(&raw);
}

/* The text of a header member. */
static int
header_text(struct hs_buf *out, const struct aws_ref *ref, const cJSON *v,
    const char *path, char **cause)
{
	const struct aws_shape *s = ref->shape;
	const cJSON *item;
	bool first = true;

	if ((ref->traits->flags & AWS_TRAIT_JSONVALUE) &&
	    s->type == AWS_SHAPE_STRING) {
		struct hs_buf json = HS_BUF_INIT;

		add_ascii_json(&json, v);
		aws_base64_encode(out, json.buf, json.len);
		hs_buf_release(&json);
		return 0;
	}
	if (s->type != AWS_SHAPE_LIST)
		return aws_scalar_to_text(out, ref, v, aws_ref_timestamp_format(
		    ref, AWS_TIMESTAMP_RFC822), path, cause);
	cJSON_ArrayForEach(item, v) {
		if (cJSON_IsNull(item))
			continue;
		if (!first)
			hs_buf_addch(out, ',');
		first = false;
		if (s->member.shape->type == AWS_SHAPE_STRING &&
		    cJSON_IsString(item))
			add_header_list_string(out, item->valuestring);
		else if (header_text(out, &s->member, item, path, cause) < 0)
			return -1;
	}
	return 0;
}

/* Add a header or headers member to a header list. */
static int
add_header_member(struct aws_kvlist *headers, const struct aws_member *m,
    const cJSON *v, const char *path, char **cause)
{
	struct hs_buf text = HS_BUF_INIT;
	const cJSON *item;
	int rc = 0;

	if (m->ref.traits->location == AWS_LOCATION_HEADERS) {
		const char *prefix = aws_ref_name(&m->ref, "");

		if (!cJSON_IsObject(v)) {
			*cause = hs_xasprintf("invalid type for parameter %s: "
			    "expected a map (object)", path);
			return -1;
		}
		cJSON_ArrayForEach(item, v) {
			char *name = hs_xasprintf("%s%s", prefix, item->string);

			if (cJSON_IsString(item))
				aws_kvlist_set(headers, name, item->valuestring);
			free(name);
		}
		return 0;
	}
	if (m->ref.shape->type == AWS_SHAPE_LIST && cJSON_IsArray(v) &&
	    cJSON_GetArraySize(v) == 0)
		return 0;
	if (m->ref.shape->type == AWS_SHAPE_LIST && !cJSON_IsArray(v)) {
		*cause = hs_xasprintf("invalid type for parameter %s: got %s, "
		    "expected a list", path, aws_json_type_name(v));
		return -1;
	}
	rc = header_text(&text, &m->ref, v, path, cause);
	if (rc == 0)
		aws_kvlist_set(headers, aws_ref_name(&m->ref, m->name),
		    text.buf);
	hs_buf_release(&text);
	return rc;
}

/* Find the value of label name in the input, as URI text. */
static int
label_text(const struct aws_shape *shape, const cJSON *input,
    const char *label, struct hs_buf *out, char **cause)
{
	size_t i;

	for (i = 0; shape != NULL && i < shape->n_members; i++) {
		const struct aws_member *m = &shape->members[i];
		const cJSON *v;

		if (m->ref.traits->location != AWS_LOCATION_URI ||
		    strcmp(aws_ref_name(&m->ref, m->name), label) != 0)
			continue;
		v = cJSON_GetObjectItemCaseSensitive(input, m->name);
		if (v == NULL || cJSON_IsNull(v))
			break;
		if (uri_text(out, &m->ref, v, m->name, cause) < 0)
			return -1;
		if (out->len == 0) {
			*cause = hs_xasprintf("parameter %s must not be empty: "
			    "it is part of the URL path", m->name);
			return -1;
		}
		return 0;
	}
	*cause = hs_xasprintf("missing required parameter for the URL "
	    "path: {%s}", label);
	return -1;
}

/* Render the path template of a requestUri (up to any '?'). */
static int
render_path(const struct aws_operation *op, const cJSON *input,
    struct hs_buf *out, char **cause)
{
	const char *t = op->request_uri, *close;
	struct hs_buf value = HS_BUF_INIT;

	while (*t && *t != '?') {
		if (*t != '{') {
			hs_buf_addch(out, *t++);
			continue;
		}
		close = strchr(t, '}');
		if (close == NULL)
			break;
		{
			bool greedy = close[-1] == '+';
			char *label = hs_xstrndup(t + 1, (size_t)(close - t - 1 -
			    greedy));
			int rc = label_text(op->input.shape, input, label, &value,
			    cause);

			free(label);
			if (rc < 0) {
				hs_buf_release(&value);
				return -1;
			}
			aws_uri_encode(out, value.buf, value.len, greedy);
			hs_buf_reset(&value);
		}
		t = close + 1;
	}
	hs_buf_release(&value);
	return 0;
}

/* Add the requestUri's literal query parameters ("?uploads&x=1"). */
static void
add_query_literals(const char *uri, struct aws_kvlist *query)
{
	const char *q = strchr(uri, '?');
	char *copy, *item, *save = NULL;

	if (q == NULL)
		return;
	copy = hs_xstrdup(q + 1);
	for (item = strtok_r(copy, "&", &save); item != NULL;
	    item = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(item, '=');

		if (eq != NULL) {
			*eq = '\0';
			aws_kvlist_add(query, item, eq + 1);
		} else
			aws_kvlist_add(query, item, NULL);
	}
	free(copy);
}

/* Put the path: any base path of the endpoint, then the rendered uri. */
static void
set_path(struct aws_request *req, const struct hs_buf *rendered)
{
	const char *base = req->path ? req->path : "";
	size_t blen = strlen(base);
	char *path;

	while (blen > 0 && base[blen - 1] == '/')
		blen--;
	path = hs_xasprintf("%.*s%s", (int)blen, base, rendered->buf);
	aws_request_set_path(req, path);
	free(path);
}

/* Put the uri, querystring and header members of input into req. */
int
aws_rest_serialize_bindings(const struct aws_operation *op,
    const cJSON *input, struct aws_request *req, char **cause)
{
	const struct aws_shape *shape = op->input.shape;
	struct hs_buf path = HS_BUF_INIT;
	struct qlist q = { NULL, 0 };
	size_t i, j;
	int rc = -1;

	if (render_path(op, input, &path, cause) < 0)
		goto cleanup;
	for (i = 0; shape != NULL && i < shape->n_members; i++) {
		const struct aws_member *m = &shape->members[i];
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(input, m->name);
		enum aws_location loc = m->ref.traits->location;

		if (v == NULL || cJSON_IsNull(v))
			continue;
		if (loc == AWS_LOCATION_QUERYSTRING &&
		    add_query_member(&q, m, v, m->name, cause) < 0)
			goto cleanup;
		if ((loc == AWS_LOCATION_HEADER || loc == AWS_LOCATION_HEADERS)
		    && add_header_member(&req->headers, m, v, m->name,
		    cause) < 0)
			goto cleanup;
	}
	set_path(req, &path);
	add_query_literals(op->request_uri, &req->query);
	for (i = 0; i < q.n; i++)
		for (j = 0; j < q.items[i].n; j++)
			aws_kvlist_add(&req->query, q.items[i].name,
			    q.items[i].values[j]);
	rc = 0;
cleanup:
	hs_buf_release(&path);
	qlist_clear(&q);
	return rc;
}

/* Split a header list value at commas outside double quotes; quoted
 * items are unquoted. RFC 822 dates (which hold a comma) stay whole
 * when join_dates is set. */
static cJSON *
split_header_list(const char *s, bool join_dates)
{
	cJSON *arr = cJSON_CreateArray();
	struct hs_buf item = HS_BUF_INIT;
	bool quoted = false, was_quoted = false;
	int commas = 0;

	for (;; s++) {
		if (*s == '"') {
			if (!quoted)
				hs_buf_trim(&item);
			quoted = !quoted;
			was_quoted = true;
			continue;
		}
		if (quoted && *s == '\\' && s[1]) {
			hs_buf_addch(&item, *++s);
			continue;
		}
		if (*s == '\0' || (*s == ',' && !quoted &&
		    !(join_dates && commas++ % 2 == 0))) {
			if (!was_quoted)
				hs_buf_trim(&item);
			cJSON_AddItemToArray(arr, cJSON_CreateString(item.buf));
			hs_buf_reset(&item);
			was_quoted = false;
			if (*s == '\0')
				break;
			continue;
		}
		if (!was_quoted || quoted)
			hs_buf_addch(&item, *s);
	}
	hs_buf_release(&item);
	return arr;
}

/* Parse the text of a header into a value of ref. */
static cJSON *
header_value(const struct aws_ref *ref, const char *text, const char *path,
    char **cause)
{
	const struct aws_shape *s = ref->shape;

	if ((ref->traits->flags & AWS_TRAIT_JSONVALUE) &&
	    s->type == AWS_SHAPE_STRING) {
		struct hs_buf raw = HS_BUF_INIT;
		cJSON *v = NULL;

		if (aws_base64_decode(&raw, text, strlen(text)) == 0)
			v = aws_json_parse(raw.buf, raw.len, cause);
		else
			*cause = hs_xasprintf("invalid base64 JSON in header "
			    "for '%s'", path);
		hs_buf_release(&raw);
		return v;
	}
	if (s->type == AWS_SHAPE_LIST) {
		bool dates = s->member.shape->type == AWS_SHAPE_TIMESTAMP &&
		    aws_ref_timestamp_format(&s->member, AWS_TIMESTAMP_RFC822) ==
		    AWS_TIMESTAMP_RFC822;
		cJSON *parts = split_header_list(text, dates), *arr, *item;

		arr = cJSON_CreateArray();
		cJSON_ArrayForEach(item, parts) {
			cJSON *v = aws_scalar_from_text(&s->member,
			    item->valuestring, strlen(item->valuestring), path,
			    cause);

			if (v == NULL) {
				cJSON_Delete(parts);
				cJSON_Delete(arr);
				return NULL;
			}
			cJSON_AddItemToArray(arr, v);
		}
		cJSON_Delete(parts);
		return arr;
	}
	return aws_scalar_from_text(ref, text, strlen(text), path, cause);
}

/* Collect the headers that start with a prefix into a map. */
static cJSON *
header_map(const char *prefix, const struct aws_kvlist *headers)
{
	cJSON *obj = cJSON_CreateObject();
	size_t i, plen = strlen(prefix);

	for (i = 0; i < headers->n; i++) {
		const struct aws_kv *kv = &headers->items[i];

		if (strncasecmp(kv->name, prefix, plen) == 0)
			cJSON_AddStringToObject(obj, kv->name + plen,
			    kv->value ? kv->value : "");
	}
	return obj;
}

/* Read the header, headers and statusCode members of shape into obj. */
int
aws_rest_parse_bindings(const struct aws_shape *shape, int status,
    const struct aws_kvlist *headers, cJSON *obj, char **cause)
{
	size_t i;

	for (i = 0; shape != NULL && i < shape->n_members; i++) {
		const struct aws_member *m = &shape->members[i];
		const char *text;
		cJSON *v = NULL;

		switch (m->ref.traits->location) {
		case AWS_LOCATION_STATUS_CODE:
			v = cJSON_CreateNumber(status);
			break;
		case AWS_LOCATION_HEADERS:
			v = header_map(aws_ref_name(&m->ref, ""), headers);
			break;
		case AWS_LOCATION_HEADER:
			text = aws_kvlist_get(headers, aws_ref_name(&m->ref,
			    m->name));
			if (text == NULL)
				continue;
			v = header_value(&m->ref, text, m->name, cause);
			if (v == NULL)
				return -1;
			break;
		default:
			continue;
		}
		cJSON_AddItemToObject(obj, m->name, v);
	}
	return 0;
}

/* Tell whether the query name is a literal of the requestUri. */
static bool
is_query_literal(const char *uri, const char *name)
{
	const char *q = strchr(uri, '?');
	size_t n = strlen(name);

	while (q != NULL) {
		q++;
		if (strncmp(q, name, n) == 0 && (q[n] == '\0' || q[n] == '=' ||
		    q[n] == '&'))
			return true;
		q = strchr(q, '&');
	}
	return false;
}

/* Tell whether a query name belongs to a querystring member. */
static bool
is_query_member(const struct aws_shape *shape, const char *name)
{
	size_t i;

	for (i = 0; i < shape->n_members; i++) {
		const struct aws_member *m = &shape->members[i];

		if (m->ref.traits->location == AWS_LOCATION_QUERYSTRING &&
		    m->ref.shape->type != AWS_SHAPE_MAP &&
		    strcmp(aws_ref_name(&m->ref, m->name), name) == 0)
			return true;
	}
	return false;
}

/* Server: the query map member's value (every other parameter). */
static cJSON *
decode_query_map(const struct aws_operation *op, const struct aws_member *m,
    const struct aws_kvlist *query)
{
	bool lists = m->ref.shape->value.shape->type == AWS_SHAPE_LIST;
	cJSON *obj = cJSON_CreateObject();
	size_t i;

	for (i = 0; i < query->n; i++) {
		const struct aws_kv *kv = &query->items[i];
		const char *val = kv->value ? kv->value : "";
		cJSON *old;

		if (is_query_literal(op->request_uri, kv->name) ||
		    is_query_member(op->input.shape, kv->name))
			continue;
		old = cJSON_GetObjectItemCaseSensitive(obj, kv->name);
		if (!lists && old == NULL)
			cJSON_AddStringToObject(obj, kv->name, val);
		else if (lists) {
			if (old == NULL)
				old = cJSON_AddArrayToObject(obj, kv->name);
			cJSON_AddItemToArray(old, cJSON_CreateString(val));
		}
	}
	return obj;
}

/* Server: the value of a querystring member, or NULL if absent. */
static cJSON *
decode_query_member(const struct aws_operation *op,
    const struct aws_member *m, const struct aws_kvlist *query,
    char **cause)
{
	const char *name = aws_ref_name(&m->ref, m->name);
	const struct aws_shape *s = m->ref.shape;
	cJSON *arr;
	size_t i;

	if (s->type == AWS_SHAPE_MAP)
		return decode_query_map(op, m, query);
	if (s->type != AWS_SHAPE_LIST) {
		const char *text = aws_kvlist_get_exact(query, name);

		return text ? aws_scalar_from_text(&m->ref, text, strlen(text),
		    m->name, cause) : NULL;
	}
	if (aws_kvlist_get_exact(query, name) == NULL)
		return NULL;
	arr = cJSON_CreateArray();
	for (i = 0; i < query->n; i++) {
		const struct aws_kv *kv = &query->items[i];
		cJSON *v;

		if (strcmp(kv->name, name) != 0)
			continue;
		v = aws_scalar_from_text(&s->member, kv->value ? kv->value : "",
		    kv->value ? strlen(kv->value) : 0, m->name, cause);
		if (v == NULL) {
			cJSON_Delete(arr);
			return NULL;
		}
		cJSON_AddItemToArray(arr, v);
	}
	return arr;
}

/* Server: decode one non-body member of a request. */
static int
decode_member(const struct aws_operation *op, const struct aws_member *m,
    const struct aws_request *req, const struct aws_kvlist *labels,
    cJSON *obj, char **cause)
{
	const char *name = aws_ref_name(&m->ref, m->name), *text;
	cJSON *v = NULL;

	*cause = NULL;
	switch (m->ref.traits->location) {
	case AWS_LOCATION_URI:
		text = aws_kvlist_get_exact(labels, name);
		if (text != NULL)
			v = aws_scalar_from_text(&m->ref, text, strlen(text),
			    m->name, cause);
		break;
	case AWS_LOCATION_QUERYSTRING:
		v = decode_query_member(op, m, &req->query, cause);
		if (v != NULL && cJSON_IsObject(v) && v->child == NULL) {
			cJSON_Delete(v);
			v = NULL;
		}
		break;
	case AWS_LOCATION_HEADER:
		text = aws_kvlist_get(&req->headers, name);
		if (text != NULL)
			v = header_value(&m->ref, text, m->name, cause);
		break;
	case AWS_LOCATION_HEADERS:
		v = header_map(aws_ref_name(&m->ref, ""), &req->headers);
		if (v->child == NULL) {
			cJSON_Delete(v);
			v = NULL;
		}
		break;
	default:
		return 0;
	}
	if (v == NULL)
		return *cause ? -1 : 0;
	cJSON_AddItemToObject(obj, m->name, v);
	return 0;
}

/* Server: read uri/querystring/header members of a request into obj. */
int
aws_rest_decode_bindings(const struct aws_operation *op,
    const struct aws_request *req, cJSON *obj, char **cause)
{
	struct aws_kvlist labels = AWS_KVLIST_INIT;
	const struct aws_shape *shape = op->input.shape;
	size_t i;
	int rc = 0;

	if (aws_rest_match(op, req->path ? req->path : "/", &req->query,
	    &labels) < 0) {
		*cause = hs_xasprintf("the path '%s' does not match '%s' of "
		    "%s", req->path ? req->path : "/", op->request_uri,
		    op->name);
		return -1;
	}
	for (i = 0; shape != NULL && i < shape->n_members && rc == 0; i++)
		rc = decode_member(op, &shape->members[i], req, &labels, obj,
		    cause);
	aws_kvlist_clear(&labels);
	return rc;
}

/* Server: write header/headers/statusCode members of output into resp. */
int
aws_rest_encode_bindings(const struct aws_shape *shape, const cJSON *output,
    struct aws_response *resp, char **cause)
{
	size_t i;

	for (i = 0; shape != NULL && i < shape->n_members; i++) {
		const struct aws_member *m = &shape->members[i];
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(output,
		    m->name);
		enum aws_location loc = m->ref.traits->location;

		if (v == NULL || cJSON_IsNull(v))
			continue;
		if (loc == AWS_LOCATION_STATUS_CODE && cJSON_IsNumber(v))
			resp->status = v->valueint;
		if ((loc == AWS_LOCATION_HEADER || loc == AWS_LOCATION_HEADERS)
		    && add_header_member(&resp->headers, m, v, m->name,
		    cause) < 0)
			return -1;
	}
	return 0;
}

/* Match template t against path p, capturing labels; the number of
 * literal characters matched, or -1. */
static int
match_path(const char *t, const char *p, struct aws_kvlist *labels)
{
	const char *close, *end;
	bool greedy;
	int sub;

	if (*t == '\0' || *t == '?')
		return (*p == '\0' || (*p == '/' && p[1] == '\0')) ? 0 : -1;
	if (*t != '{') {
		if (*t != *p)
			return -1;
		sub = match_path(t + 1, p + 1, labels);
		return sub < 0 ? -1 : sub + 1;
	}
	close = strchr(t, '}');
	if (close == NULL)
		return -1;
	greedy = close[-1] == '+';
	end = greedy ? p + strlen(p) : p + strcspn(p, "/");
	for (; end > p; end--) {
		sub = match_path(close + 1, end, labels);
		if (sub < 0)
			continue;
		if (labels != NULL) {
			struct hs_buf v = HS_BUF_INIT;
			char *name = hs_xstrndup(t + 1, (size_t)(close - t - 1 -
			    greedy));

			if (aws_uri_decode(&v, p, (size_t)(end - p), false) < 0)
				sub = -1;
			else
				aws_kvlist_add(labels, name, v.buf);
			free(name);
			hs_buf_release(&v);
		}
		return sub;
	}
	return -1;
}

/* Count the requestUri's query literals the request has; -1 if one is
 * missing (x-id, which older clients leave out, is optional). */
static int
match_query_literals(const char *uri, const struct aws_kvlist *query)
{
	const char *q = strchr(uri, '?');
	char *copy, *item, *save = NULL;
	int count = 0;

	if (q == NULL)
		return 0;
	copy = hs_xstrdup(q + 1);
	for (item = strtok_r(copy, "&", &save); item != NULL && count >= 0;
	    item = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(item, '=');
		const char *have;

		if (eq != NULL)
			*eq = '\0';
		have = aws_kvlist_get_exact(query, item);
		if (have != NULL && (eq == NULL || strcmp(have, eq + 1) == 0))
			count++;
		else if (strcmp(item, "x-id") != 0)
			count = -1;
	}
	free(copy);
	return count;
}

/* Match a request path against an operation's requestUri. */
int
aws_rest_match(const struct aws_operation *op, const char *path,
    const struct aws_kvlist *query, struct aws_kvlist *labels)
{
	int lit = match_query_literals(op->request_uri, query), chars;

	if (lit < 0)
		return -1;
	chars = match_path(op->request_uri, path, labels);
	if (chars < 0)
		return -1;
	return lit * 100000 + chars;
}

/* Set the request body to a raw payload value. */
int
aws_rest_body_from_raw(const struct aws_member *m, const cJSON *v,
    struct aws_request *req, char **cause)
{
	struct hs_buf raw = HS_BUF_INIT;

	if (cJSON_IsObject(v) && m->ref.shape->type == AWS_SHAPE_BLOB) {
		const cJSON *file = cJSON_GetObjectItemCaseSensitive(v, "file");
		const cJSON *off = cJSON_GetObjectItemCaseSensitive(v, "offset");
		const cJSON *len = cJSON_GetObjectItemCaseSensitive(v, "length");

		if (!cJSON_IsString(file)) {
			*cause = hs_xasprintf("invalid value for parameter %s: "
			    "a file body needs {\"file\": PATH}", m->name);
			return -1;
		}
		aws_request_set_body_file(req, file->valuestring,
		    cJSON_IsNumber(off) ? (off_t)off->valuedouble : 0,
		    cJSON_IsNumber(len) ? (off_t)len->valuedouble : -1);
		return 0;
	}
	if (!cJSON_IsString(v)) {
		*cause = hs_xasprintf("invalid type for parameter %s: got %s, "
		    "expected %s", m->name, aws_json_type_name(v),
		    m->ref.shape->type == AWS_SHAPE_BLOB ?
		    "a base64 string or {\"file\": PATH}" : "a string");
		return -1;
	}
	if (m->ref.shape->type == AWS_SHAPE_STRING) {
		aws_request_set_body(req, v->valuestring, strlen(v->valuestring));
		return 0;
	}
	if (aws_base64_decode(&raw, v->valuestring,
	    strlen(v->valuestring)) < 0) {
		hs_buf_release(&raw);
		*cause = hs_xasprintf("invalid base64 for parameter %s",
		    m->name);
		return -1;
	}
	aws_request_set_body(req, raw.buf, raw.len);
	hs_buf_cleanse(&raw);
	return 0;
}

/* Read a raw payload from a body into a value. */
cJSON *
aws_rest_raw_from_body(const struct aws_member *m, enum aws_body_kind kind,
    const struct hs_buf *body, const char *file, off_t length)
{
	struct hs_buf enc = HS_BUF_INIT;
	cJSON *v;

	if (kind == AWS_BODY_FILE && file != NULL) {
		v = cJSON_CreateObject();
		cJSON_AddStringToObject(v, "file", file);
		cJSON_AddNumberToObject(v, "length", (double)length);
		return v;
	}
	if (m->ref.shape->type == AWS_SHAPE_STRING)
		return cJSON_CreateString(kind == AWS_BODY_MEMORY ? body->buf :
		    "");
	if (kind == AWS_BODY_MEMORY)
		aws_base64_encode(&enc, body->buf, body->len);
	v = cJSON_CreateString(enc.buf);
	hs_buf_release(&enc);
	return v;
}

/* Server: put a raw payload member of output into the response body. */
int
aws_rest_encode_raw(const struct aws_member *p, const cJSON *output,
    struct aws_response *resp, char **cause)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(output, p->name);
	struct aws_request tmp = AWS_REQUEST_INIT;
	int rc;

	if (v == NULL || cJSON_IsNull(v))
		return 0;
	rc = aws_rest_body_from_raw(p, v, &tmp, cause);
	if (rc == 0 && tmp.body_kind == AWS_BODY_FILE) {
		free(resp->body_file);
		resp->body_file = tmp.body_file;
		tmp.body_file = NULL;
		resp->body_kind = AWS_BODY_FILE;
		resp->body_length = tmp.body_file_length;
	} else if (rc == 0)
		aws_response_set_body(resp, &tmp.body);
	aws_request_clear(&tmp);
	return rc;
}

/* Tell whether a member travels in the body in a scope. */
bool
aws_member_in_scope(const struct aws_member *m, enum aws_scope scope)
{
	enum aws_location loc = m->ref.traits->location;

	switch (scope) {
	case AWS_SCOPE_REQUEST:
		return loc == AWS_LOCATION_BODY;
	case AWS_SCOPE_RESPONSE:
		return loc != AWS_LOCATION_HEADER && loc != AWS_LOCATION_HEADERS
		    && loc != AWS_LOCATION_STATUS_CODE;
	default:
		return true;
	}
}

/* Tell whether a query name is known to an operation (a literal of its
 * requestUri or a querystring member; a querystring map knows all). */
static bool
known_query(const struct aws_operation *op, const char *name)
{
	const struct aws_shape *s = op->input.shape;
	size_t i;

	if (is_query_literal(op->request_uri, name))
		return true;
	for (i = 0; s != NULL && i < s->n_members; i++) {
		const struct aws_member *m = &s->members[i];

		if (m->ref.traits->location != AWS_LOCATION_QUERYSTRING)
			continue;
		if (m->ref.shape->type == AWS_SHAPE_MAP ||
		    strcmp(aws_ref_name(&m->ref, m->name), name) == 0)
			return true;
	}
	return false;
}

/* Count the required querystring and header members a request has;
 * -1 if one is missing. */
static int
required_present(const struct aws_operation *op,
    const struct aws_request *req)
{
	const struct aws_shape *s = op->input.shape;
	int count = 0;
	size_t i;

	for (i = 0; s != NULL && i < s->n_members; i++) {
		const struct aws_member *m = &s->members[i];
		const char *name = aws_ref_name(&m->ref, m->name);
		enum aws_location loc = m->ref.traits->location;

		if (!m->required || (m->ref.traits->flags &
		    AWS_TRAIT_IDEMPOTENCY_TOKEN))
			continue;
		if (loc == AWS_LOCATION_QUERYSTRING &&
		    m->ref.shape->type != AWS_SHAPE_MAP) {
			if (aws_kvlist_get_exact(&req->query, name) == NULL)
				return -1;
			count++;
		} else if (loc == AWS_LOCATION_HEADER) {
			if (aws_kvlist_get(&req->headers, name) == NULL)
				return -1;
			count++;
		}
	}
	return count;
}

/* How well a request fits an operation (higher: better), -1 if it
 * cannot be for it: the requestUri's query literals first, then the
 * required query and header members it has, then fewer query names the
 * operation does not know, then more literal path characters, and a
 * deprecated operation last among equals (S3 has pairs that share a
 * method and requestUri: GetBucketLifecycle and ...Configuration). */
int
aws_rest_route_score(const struct aws_operation *op,
    const struct aws_request *req)
{
	int base = aws_rest_match(op, req->path ? req->path : "/",
	    &req->query, NULL), req_count, unknown = 0, chars;
	size_t i;

	if (base < 0 || (req_count = required_present(op, req)) < 0)
		return -1;
	for (i = 0; i < req->query.n; i++)
		if (!known_query(op, req->query.items[i].name))
			unknown++;
	chars = base % 100000;
	return (base / 100000) * 100000000 + req_count * 1000000 +
	    (99 - (unknown > 99 ? 99 : unknown)) * 10000 +
	    (chars > 4999 ? 4999 : chars) * 2 +
	    ((op->flags & AWS_OP_DEPRECATED) ? 0 : 1);
}
