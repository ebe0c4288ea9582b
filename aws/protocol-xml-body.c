/*
 * protocol-xml-body.c: shapes to XML elements and back, for rest-xml
 * bodies and query/ec2 responses (botocore's RestXMLSerializer and
 * BaseXMLResponseParser).
 *
 * Writing: a structure is an element with its xmlAttribute members as
 * attributes and its other members as children in model order; a list is
 * a wrapper with <member> (or the member's locationName) items, or the
 * items themselves when flattened; a map is <entry><key/><value/></entry>
 * items (the key and value locationNames apply), flattened or not. An
 * xmlNamespace trait becomes an xmlns or xmlns:prefix attribute.
 *
 * Reading follows botocore: children are matched by local name with any
 * namespace, a flattened list or map is every child of that name, a
 * wrapped list takes every element inside the wrapper whatever its name,
 * and an absent member is absent (an empty element is an empty string).
 */
#include "hs-common.h"
#include "protocol-int.h"

static int write_value(struct hs_buf *out, const struct aws_ref *ref,
    const cJSON *v, const char *name, const char *path, char **cause);

static int
type_error(char **cause, const char *path, const cJSON *v, const char *want)
{
	*cause = hs_xasprintf("invalid type for parameter %s: got %s, "
	    "expected %s", *path ? path : "input", aws_json_type_name(v),
	    want);
	return -1;
}

/* Append the xmlns attribute of a reference, if it has one. */
static void
write_xmlns(struct hs_buf *out, const struct aws_ref *ref)
{
	const struct aws_traits *t = ref->traits;

	if (t->xmlns_uri == NULL)
		return;
	hs_buf_adds(out, " xmlns");
	if (t->xmlns_prefix != NULL && *t->xmlns_prefix)
		hs_buf_addf(out, ":%s", t->xmlns_prefix);
	hs_buf_adds(out, "=\"");
	aws_xml_escape(out, t->xmlns_uri, strlen(t->xmlns_uri), true);
	hs_buf_addch(out, '"');
}

/* Append the attributes of a structure value (xmlAttribute members). */
int
aws_xml_body_write_attributes(struct hs_buf *out,
    const struct aws_shape *shape, const cJSON *v, const char *path,
    char **cause)
{
	size_t i;

	for (i = 0; i < shape->n_members; i++) {
		const struct aws_member *m = &shape->members[i];
		const cJSON *item = cJSON_GetObjectItemCaseSensitive(v, m->name);
		struct hs_buf text = HS_BUF_INIT;
		char *sub;
		int rc;

		if (!(m->ref.traits->flags & AWS_TRAIT_XML_ATTRIBUTE) ||
		    item == NULL || cJSON_IsNull(item))
			continue;
		sub = aws_path_member(path, m->name);
		rc = aws_scalar_to_text(&text, &m->ref, item,
		    aws_ref_timestamp_format(&m->ref, AWS_TIMESTAMP_ISO8601),
		    sub, cause);
		free(sub);
		if (rc == 0) {
			hs_buf_addf(out, " %s=\"", aws_ref_name(&m->ref,
			    m->name));
			aws_xml_escape(out, text.buf, text.len, true);
			hs_buf_addch(out, '"');
		}
		hs_buf_release(&text);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* Append a structure's members as child elements. */
int
aws_xml_body_write_members(struct hs_buf *out, const struct aws_shape *shape,
    const cJSON *v, enum aws_scope scope, const char *path, char **cause)
{
	size_t i;

	for (i = 0; i < shape->n_members; i++) {
		const struct aws_member *m = &shape->members[i];
		const cJSON *item = cJSON_GetObjectItemCaseSensitive(v, m->name);
		char *sub;
		int rc;

		if (item == NULL || cJSON_IsNull(item) ||
		    (m->ref.traits->flags & AWS_TRAIT_XML_ATTRIBUTE))
			continue;
		if (!aws_member_in_scope(m, scope))
			continue;
		sub = aws_path_member(path, m->name);
		rc = write_value(out, &m->ref, item, aws_ref_name(&m->ref,
		    m->name), sub, cause);
		free(sub);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int
write_structure(struct hs_buf *out, const struct aws_ref *ref,
    const cJSON *v, const char *name, const char *path, char **cause)
{
	const struct aws_shape *s = ref->shape;

	if (!cJSON_IsObject(v))
		return type_error(cause, path, v, "an object");
	if (aws_check_members(s, v, path, cause) < 0)
		return -1;
	hs_buf_addf(out, "<%s", name);
	write_xmlns(out, ref);
	if (aws_xml_body_write_attributes(out, s, v, path, cause) < 0)
		return -1;
	hs_buf_addch(out, '>');
	if (aws_xml_body_write_members(out, s, v, AWS_SCOPE_ALL, path,
	    cause) < 0)
		return -1;
	hs_buf_addf(out, "</%s>", name);
	return 0;
}

static int
write_list(struct hs_buf *out, const struct aws_ref *ref, const cJSON *v,
    const char *name, const char *path, char **cause)
{
	const struct aws_ref *member = &ref->shape->member;
	bool flat = ref->traits->flags & AWS_TRAIT_FLATTENED;
	const char *item_name = flat ? name : aws_ref_name(member, "member");
	const cJSON *item;
	size_t i = 0;

	if (!cJSON_IsArray(v))
		return type_error(cause, path, v, "a list");
	if (!flat) {
		hs_buf_addf(out, "<%s", name);
		write_xmlns(out, ref);
		hs_buf_addch(out, '>');
	}
	cJSON_ArrayForEach(item, v) {
		char *sub = aws_path_index(path, i++);
		int rc = cJSON_IsNull(item) ? 0 : write_value(out, member, item,
		    item_name, sub, cause);

		free(sub);
		if (rc < 0)
			return -1;
	}
	if (!flat)
		hs_buf_addf(out, "</%s>", name);
	return 0;
}

/* Append one <entry> (or flattened element) of a map. */
static int
write_entry(struct hs_buf *out, const struct aws_shape *s,
    const cJSON *item, const char *entry, const char *path, char **cause)
{
	cJSON *key = cJSON_CreateString(item->string);
	int rc;

	hs_buf_addf(out, "<%s>", entry);
	rc = write_value(out, &s->key, key, aws_ref_name(&s->key, "key"),
	    path, cause);
	if (rc == 0 && !cJSON_IsNull(item))
		rc = write_value(out, &s->value, item, aws_ref_name(&s->value,
		    "value"), path, cause);
	hs_buf_addf(out, "</%s>", entry);
	cJSON_Delete(key);
	return rc;
}

static int
write_map(struct hs_buf *out, const struct aws_ref *ref, const cJSON *v,
    const char *name, const char *path, char **cause)
{
	bool flat = ref->traits->flags & AWS_TRAIT_FLATTENED;
	const cJSON *item;

	if (!cJSON_IsObject(v))
		return type_error(cause, path, v, "a map (object)");
	if (!flat) {
		hs_buf_addf(out, "<%s", name);
		write_xmlns(out, ref);
		hs_buf_addch(out, '>');
	}
	cJSON_ArrayForEach(item, v) {
		char *sub = aws_path_key(path, item->string);
		int rc = write_entry(out, ref->shape, item,
		    flat ? name : "entry", sub, cause);

		free(sub);
		if (rc < 0)
			return -1;
	}
	if (!flat)
		hs_buf_addf(out, "</%s>", name);
	return 0;
}

static int
write_scalar(struct hs_buf *out, const struct aws_ref *ref, const cJSON *v,
    const char *name, const char *path, char **cause)
{
	struct hs_buf text = HS_BUF_INIT;
	int rc = aws_scalar_to_text(&text, ref, v, aws_ref_timestamp_format(ref,
	    AWS_TIMESTAMP_ISO8601), path, cause);

	if (rc == 0) {
		hs_buf_addf(out, "<%s", name);
		write_xmlns(out, ref);
		hs_buf_addch(out, '>');
		aws_xml_escape(out, text.buf, text.len, false);
		hs_buf_addf(out, "</%s>", name);
	}
	hs_buf_release(&text);
	return rc;
}

static int
write_value(struct hs_buf *out, const struct aws_ref *ref, const cJSON *v,
    const char *name, const char *path, char **cause)
{
	switch (ref->shape->type) {
	case AWS_SHAPE_STRUCTURE:
		return write_structure(out, ref, v, name, path, cause);
	case AWS_SHAPE_LIST:
		return write_list(out, ref, v, name, path, cause);
	case AWS_SHAPE_MAP:
		return write_map(out, ref, v, name, path, cause);
	default:
		return write_scalar(out, ref, v, name, path, cause);
	}
}

/* Append the element for value v (of ref) named name. */
int
aws_xml_body_write(struct hs_buf *out, const struct aws_ref *ref,
    const cJSON *v, const char *name, const char *path, char **cause)
{
	return write_value(out, ref, v, name, path, cause);
}

/* The element children of node named name (all of them), as an array. */
static xmlNode **
children_named(const xmlNode *node, const char *name, size_t *n)
{
	xmlNode **list = NULL, *c;

	*n = 0;
	for (c = aws_xml_element(node->children); c != NULL;
	    c = aws_xml_element(c->next)) {
		if (name != NULL && strcmp(aws_xml_name(c), name) != 0)
			continue;
		list = hs_xreallocarray(list, *n + 1, sizeof(*list));
		list[(*n)++] = c;
	}
	return list;
}

static int
read_scalar(const struct aws_ref *ref, xmlNode *node, const char *path,
    cJSON **out, char **cause)
{
	char *text = aws_xml_text(node);

	*out = aws_scalar_from_text(ref, text, strlen(text), path, cause);
	free(text);
	return *out ? 0 : -1;
}

static int
read_list(const struct aws_ref *ref, xmlNode **nodes, size_t n,
    const char *path, cJSON **out, char **cause)
{
	xmlNode **items = nodes, **owned = NULL;
	size_t i, count = n;
	int rc = 0;

	if (!(ref->traits->flags & AWS_TRAIT_FLATTENED))
		items = owned = children_named(nodes[0], NULL, &count);
	*out = cJSON_CreateArray();
	for (i = 0; i < count && rc == 0; i++) {
		char *sub = aws_path_index(path, i);
		cJSON *item = NULL;

		rc = aws_xml_body_read(&ref->shape->member, &items[i], 1, sub,
		    &item, cause);
		free(sub);
		if (rc == 0)
			cJSON_AddItemToArray(*out, item ? item :
			    cJSON_CreateNull());
	}
	free(owned);
	return rc;
}

/* Read one map entry (its key and value children) into obj. */
static int
read_entry(const struct aws_shape *s, xmlNode *entry, cJSON *obj,
    const char *path, char **cause)
{
	xmlNode *k = aws_xml_child(entry, aws_ref_name(&s->key, "key"));
	xmlNode *v = aws_xml_child(entry, aws_ref_name(&s->value, "value"));
	char *key, *sub;
	cJSON *val = NULL;
	int rc = 0;

	if (k == NULL)
		return 0;
	key = aws_xml_text(k);
	sub = aws_path_key(path, key);
	if (v != NULL)
		rc = aws_xml_body_read(&s->value, &v, 1, sub, &val, cause);
	if (rc == 0)
		cJSON_AddItemToObject(obj, key, val ? val : cJSON_CreateNull());
	free(sub);
	free(key);
	return rc;
}

static int
read_map(const struct aws_ref *ref, xmlNode **nodes, size_t n,
    const char *path, cJSON **out, char **cause)
{
	xmlNode **entries = nodes, **owned = NULL;
	size_t i, count = n;
	int rc = 0;

	if (!(ref->traits->flags & AWS_TRAIT_FLATTENED))
		entries = owned = children_named(nodes[0], NULL, &count);
	*out = cJSON_CreateObject();
	for (i = 0; i < count && rc == 0; i++)
		rc = read_entry(ref->shape, entries[i], *out, path, cause);
	free(owned);
	return rc;
}

/* The element name a member is found under (botocore _member_key_name). */
static const char *
member_xml_name(const struct aws_member *m)
{
	const struct aws_ref *r = &m->ref;

	if (r->shape->type == AWS_SHAPE_LIST &&
	    (r->traits->flags & AWS_TRAIT_FLATTENED) &&
	    r->shape->member.traits->location_name != NULL)
		return r->shape->member.traits->location_name;
	return aws_ref_name(r, m->name);
}

/* Read an xmlAttribute member from node's attributes. */
static int
read_attribute(const struct aws_member *m, xmlNode *node, cJSON *obj,
    const char *path, char **cause)
{
	const char *want = aws_ref_name(&m->ref, m->name);
	const char *colon = strchr(want, ':');
	xmlAttr *a;

	for (a = node->properties; a != NULL; a = a->next) {
		const char *local = (const char *)a->name;
		xmlChar *value;
		cJSON *v;

		if (colon ? (a->ns == NULL || strcmp(local, colon + 1) != 0) :
		    (a->ns != NULL || strcmp(local, want) != 0))
			continue;
		value = xmlNodeGetContent((xmlNode *)a);
		v = aws_scalar_from_text(&m->ref, value ? (char *)value : "",
		    value ? strlen((char *)value) : 0, path, cause);
		xmlFree(value);
		if (v == NULL)
			return -1;
		cJSON_AddItemToObject(obj, m->name, v);
		return 0;
	}
	return 0;
}

/* Read one member of a structure from its element. */
static int
read_member(const struct aws_member *m, xmlNode *node, cJSON *obj,
    const char *path, char **cause)
{
	size_t n;
	xmlNode **nodes = children_named(node, member_xml_name(m), &n);
	char *sub = aws_path_member(path, m->name);
	cJSON *v = NULL;
	int rc = 0;

	if (n > 0) {
		rc = aws_xml_body_read(&m->ref, nodes, n, sub, &v, cause);
		if (rc == 0 && v != NULL)
			cJSON_AddItemToObject(obj, m->name, v);
	} else if (m->ref.traits->flags & AWS_TRAIT_XML_ATTRIBUTE)
		rc = read_attribute(m, node, obj, sub, cause);
	free(sub);
	free(nodes);
	return rc;
}

/* Read a structure's body members from its element into obj. */
int
aws_xml_body_read_members(const struct aws_shape *shape, xmlNode *node,
    enum aws_scope scope, cJSON *obj, const char *path, char **cause)
{
	size_t i;

	for (i = 0; i < shape->n_members; i++) {
		const struct aws_member *m = &shape->members[i];
		enum aws_location loc = m->ref.traits->location;

		if (m->ref.traits->flags & AWS_TRAIT_EVENT_HEADER)
			continue;
		if (loc == AWS_LOCATION_HEADER || loc == AWS_LOCATION_HEADERS ||
		    loc == AWS_LOCATION_STATUS_CODE)
			continue;
		if (scope == AWS_SCOPE_REQUEST && loc != AWS_LOCATION_BODY)
			continue;
		if (read_member(m, node, obj, path, cause) < 0)
			return -1;
	}
	return 0;
}

/* Check a union element: exactly one child; an unknown one is reported
 * as SDK_UNKNOWN_MEMBER (botocore). Returns 1 when *out is set. */
static int
read_union_check(const struct aws_shape *s, xmlNode *node, const char *path,
    cJSON **out, char **cause)
{
	size_t n, i;
	xmlNode **kids = children_named(node, NULL, &n);
	const char *tag;
	cJSON *inner;

	for (i = 1; i < n; i++)
		if (strcmp(aws_xml_name(kids[i]), aws_xml_name(kids[0])) != 0)
			break;
	if (n == 0 || i < n) {
		free(kids);
		*cause = hs_xasprintf("invalid value for '%s': union '%s' must "
		    "have exactly one member set", *path ? path : "body",
		    s->name);
		return -1;
	}
	tag = aws_xml_name(kids[0]);
	free(kids);
	for (i = 0; i < s->n_members; i++)
		if (strcmp(member_xml_name(&s->members[i]), tag) == 0)
			return 0;
	*out = cJSON_CreateObject();
	inner = cJSON_AddObjectToObject(*out, "SDK_UNKNOWN_MEMBER");
	cJSON_AddStringToObject(inner, "name", tag);
	return 1;
}

static int
read_structure(const struct aws_ref *ref, xmlNode *node, const char *path,
    cJSON **out, char **cause)
{
	const struct aws_shape *s = ref->shape;
	int rc;

	if (s->flags & AWS_SHAPE_UNION) {
		rc = read_union_check(s, node, path, out, cause);
		if (rc != 0)
			return rc < 0 ? -1 : 0;
	}
	*out = cJSON_CreateObject();
	if (aws_xml_body_read_members(s, node, AWS_SCOPE_ALL, *out, path,
	    cause) < 0) {
		cJSON_Delete(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

/* Read the value of ref from the nodes that carry it. */
int
aws_xml_body_read(const struct aws_ref *ref, xmlNode **nodes, size_t n,
    const char *path, cJSON **out, char **cause)
{
	int rc;

	*out = NULL;
	switch (ref->shape->type) {
	case AWS_SHAPE_STRUCTURE:
		return read_structure(ref, nodes[0], path, out, cause);
	case AWS_SHAPE_LIST:
		rc = read_list(ref, nodes, n, path, out, cause);
		break;
	case AWS_SHAPE_MAP:
		rc = read_map(ref, nodes, n, path, out, cause);
		break;
	default:
		return read_scalar(ref, nodes[0], path, out, cause);
	}
	if (rc < 0) {
		cJSON_Delete(*out);
		*out = NULL;
	}
	return rc;
}
