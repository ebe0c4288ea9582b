/*
 * model-build.c: resolve a botocore service description into the
 * structs of model.h.
 *
 * Three passes over the shapes: allocate them all and sort them by name;
 * read each shape's own traits and scalar facts; then resolve references
 * (structure members, list members, map keys and values), which may point
 * at any shape, recursion included. A reference that only names its shape
 * shares the shape's traits; one with traits of its own gets a merged
 * copy (botocore copies the shape model and updates it with the member
 * traits). Operations, errors and paginators come last.
 */
#include "hs-common.h"
#include "protocol-int.h"

#include <strings.h>

struct build {
	struct aws_service *svc;
	struct aws_arena *arena;
	struct aws_shape *shapes;	/* n_shapes, model order */
	const struct aws_shape **sorted;
	cJSON *owned;			/* cJSON kept for the model's life */
	char **cause;
};

static const struct {
	const char *name;
	enum aws_shape_type type;
} shape_types[] = {
	{ "bigdecimal", AWS_SHAPE_DOUBLE },
	{ "biginteger", AWS_SHAPE_LONG },
	{ "blob", AWS_SHAPE_BLOB },
	{ "boolean", AWS_SHAPE_BOOLEAN },
	{ "byte", AWS_SHAPE_BYTE },
	{ "character", AWS_SHAPE_CHARACTER },
	{ "double", AWS_SHAPE_DOUBLE },
	{ "float", AWS_SHAPE_FLOAT },
	{ "integer", AWS_SHAPE_INTEGER },
	{ "list", AWS_SHAPE_LIST },
	{ "long", AWS_SHAPE_LONG },
	{ "map", AWS_SHAPE_MAP },
	{ "short", AWS_SHAPE_SHORT },
	{ "string", AWS_SHAPE_STRING },
	{ "structure", AWS_SHAPE_STRUCTURE },
	{ "timestamp", AWS_SHAPE_TIMESTAMP },
};

static const struct {
	const char *name;
	unsigned flag;
} trait_flags[] = {
	{ "deprecated", AWS_TRAIT_DEPRECATED },
	{ "event", AWS_TRAIT_EVENT },
	{ "eventheader", AWS_TRAIT_EVENT_HEADER },
	{ "eventpayload", AWS_TRAIT_EVENT_PAYLOAD },
	{ "eventstream", AWS_TRAIT_EVENTSTREAM },
	{ "flattened", AWS_TRAIT_FLATTENED },
	{ "hostLabel", AWS_TRAIT_HOST_LABEL },
	{ "idempotencyToken", AWS_TRAIT_IDEMPOTENCY_TOKEN },
	{ "jsonvalue", AWS_TRAIT_JSONVALUE },
	{ "requiresLength", AWS_TRAIT_REQUIRES_LENGTH },
	{ "sensitive", AWS_TRAIT_SENSITIVE },
	{ "streaming", AWS_TRAIT_STREAMING },
	{ "xmlAttribute", AWS_TRAIT_XML_ATTRIBUTE },
};

static const char *
str_item(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static const char *
arena_str(struct build *b, const cJSON *obj, const char *key)
{
	return aws_arena_strdup(b->arena, str_item(obj, key));
}

static enum aws_location
parse_location(const char *s)
{
	if (s == NULL)
		return AWS_LOCATION_BODY;
	if (strcmp(s, "uri") == 0)
		return AWS_LOCATION_URI;
	if (strcmp(s, "querystring") == 0)
		return AWS_LOCATION_QUERYSTRING;
	if (strcmp(s, "header") == 0)
		return AWS_LOCATION_HEADER;
	if (strcmp(s, "headers") == 0)
		return AWS_LOCATION_HEADERS;
	if (strcmp(s, "statusCode") == 0)
		return AWS_LOCATION_STATUS_CODE;
	return AWS_LOCATION_BODY;
}

static enum aws_timestamp_format
parse_timestamp_format(const char *s)
{
	if (s == NULL)
		return AWS_TIMESTAMP_DEFAULT;
	if (strcasecmp(s, "iso8601") == 0)
		return AWS_TIMESTAMP_ISO8601;
	if (strcasecmp(s, "rfc822") == 0)
		return AWS_TIMESTAMP_RFC822;
	if (strcasecmp(s, "unixTimestamp") == 0)
		return AWS_TIMESTAMP_UNIX;
	return AWS_TIMESTAMP_DEFAULT;
}

/* Apply the boolean traits present in obj (true sets, false clears). */
static void
apply_trait_flags(const cJSON *obj, unsigned *flags)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(trait_flags); i++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj,
		    trait_flags[i].name);

		if (v == NULL)
			continue;
		if (cJSON_IsTrue(v))
			*flags |= trait_flags[i].flag;
		else
			*flags &= ~trait_flags[i].flag;
	}
}

/* Apply the xmlNamespace trait: a string, or {"uri", "prefix"}. */
static void
apply_xmlns(struct build *b, const cJSON *obj, struct aws_traits *t)
{
	const cJSON *ns = cJSON_GetObjectItemCaseSensitive(obj, "xmlNamespace");

	if (cJSON_IsString(ns)) {
		t->xmlns_uri = aws_arena_strdup(b->arena, ns->valuestring);
		t->xmlns_prefix = NULL;
	} else if (cJSON_IsObject(ns)) {
		t->xmlns_uri = arena_str(b, ns, "uri");
		t->xmlns_prefix = arena_str(b, ns, "prefix");
	}
}

/* Apply every serialization trait present in obj over t. */
static void
apply_traits(struct build *b, const cJSON *obj, struct aws_traits *t)
{
	const cJSON *v;

#define TAKE(field, key) do {						\
	if (cJSON_GetObjectItemCaseSensitive(obj, key) != NULL)		\
		t->field = arena_str(b, obj, key);			\
} while (0)
	TAKE(location_name, "locationName");
	TAKE(query_name, "queryName");
	TAKE(result_wrapper, "resultWrapper");
	TAKE(payload, "payload");
	TAKE(documentation, "documentation");
	TAKE(deprecated_message, "deprecatedMessage");
#undef TAKE
	if ((v = cJSON_GetObjectItemCaseSensitive(obj, "location")) != NULL)
		t->location = parse_location(cJSON_GetStringValue(v));
	if ((v = cJSON_GetObjectItemCaseSensitive(obj, "timestampFormat")))
		t->timestamp_format = parse_timestamp_format(
		    cJSON_GetStringValue(v));
	v = cJSON_GetObjectItemCaseSensitive(obj, "contextParam");
	if (cJSON_IsObject(v))
		t->context_param = arena_str(b, v, "name");
	apply_xmlns(b, obj, t);
	apply_trait_flags(obj, &t->flags);
}

static int
cmp_shape_name(const void *a, const void *b)
{
	return strcmp((*(const struct aws_shape *const *)a)->name,
	    (*(const struct aws_shape *const *)b)->name);
}

/* Find a shape by name in the sorted array, or NULL. */
static const struct aws_shape *
lookup_shape(struct build *b, const char *name)
{
	struct aws_shape key = { .name = name };
	const struct aws_shape *kp = &key, **found;

	found = bsearch(&kp, b->sorted, b->svc->n_shapes, sizeof(*b->sorted),
	    cmp_shape_name);
	return found ? *found : NULL;
}

/* Resolve a shape reference ({"shape": NAME, traits...}). */
static int
resolve_ref(struct build *b, const cJSON *obj, struct aws_ref *ref,
    const char *where)
{
	const char *name = str_item(obj, "shape");
	struct aws_traits *t;

	if (name == NULL || (ref->shape = lookup_shape(b, name)) == NULL) {
		*b->cause = hs_xasprintf("invalid model: %s refers to %s "
		    "'%s'", where, name ? "unknown shape" : "no shape",
		    name ? name : "");
		return -1;
	}
	if (cJSON_GetArraySize(obj) == 1) {
		ref->traits = &ref->shape->traits;
		return 0;
	}
	t = aws_arena_alloc(b->arena, sizeof(*t));
	*t = ref->shape->traits;
	apply_traits(b, obj, t);
	ref->traits = t;
	return 0;
}

/* Copy a JSON array of strings into the arena. */
static const char *const *
string_array(struct build *b, const cJSON *arr, size_t *n)
{
	const char **out;
	const cJSON *item;
	size_t i = 0;

	*n = 0;
	if (cJSON_IsString(arr)) {
		out = aws_arena_alloc(b->arena, sizeof(char *));
		out[0] = aws_arena_strdup(b->arena, arr->valuestring);
		*n = 1;
		return out;
	}
	if (!cJSON_IsArray(arr))
		return NULL;
	out = aws_arena_alloc(b->arena,
	    sizeof(char *) * (size_t)(cJSON_GetArraySize(arr) + 1));
	cJSON_ArrayForEach(item, arr)
		if (cJSON_IsString(item))
			out[i++] = aws_arena_strdup(b->arena, item->valuestring);
	*n = i;
	return out;
}

/* Read the error and retryable facts of an exception shape. */
static void
read_error_facts(struct build *b, const cJSON *obj, struct aws_shape *s)
{
	const cJSON *err = cJSON_GetObjectItemCaseSensitive(obj, "error");
	const cJSON *retry = cJSON_GetObjectItemCaseSensitive(obj, "retryable");

	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(obj, "exception")))
		s->flags |= AWS_SHAPE_EXCEPTION;
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(obj, "fault")))
		s->flags |= AWS_SHAPE_FAULT;
	s->error_code = s->name;
	if (cJSON_IsObject(err)) {
		const cJSON *status = cJSON_GetObjectItemCaseSensitive(err,
		    "httpStatusCode");

		if (str_item(err, "code") != NULL)
			s->error_code = arena_str(b, err, "code");
		if (cJSON_IsNumber(status))
			s->error_status = status->valueint;
		if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(err,
		    "senderFault")))
			s->flags |= AWS_SHAPE_SENDER_FAULT;
	}
	if (cJSON_IsObject(retry)) {
		s->flags |= AWS_SHAPE_RETRYABLE;
		if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(retry,
		    "throttling")))
			s->flags |= AWS_SHAPE_THROTTLING;
	}
}

/* Read a shape's own facts (everything but references). */
static int
read_shape(struct build *b, const cJSON *obj, struct aws_shape *s)
{
	const char *type = str_item(obj, "type");
	const cJSON *v;
	size_t i;

	for (i = 0; type != NULL && i < HS_ARRAY_SIZE(shape_types); i++)
		if (strcmp(shape_types[i].name, type) == 0)
			break;
	if (type == NULL || i == HS_ARRAY_SIZE(shape_types)) {
		*b->cause = hs_xasprintf("invalid model: shape '%s' has %s "
		    "type '%s'", s->name, type ? "unknown" : "no",
		    type ? type : "");
		return -1;
	}
	s->type = shape_types[i].type;
	apply_traits(b, obj, &s->traits);
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(obj, "union")))
		s->flags |= AWS_SHAPE_UNION;
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(obj, "document")))
		s->flags |= AWS_SHAPE_DOCUMENT;
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(obj, "sparse")))
		s->flags |= AWS_SHAPE_SPARSE;
	if (cJSON_IsNumber(v = cJSON_GetObjectItemCaseSensitive(obj, "min"))) {
		s->flags |= AWS_SHAPE_HAS_MIN;
		s->min = v->valuedouble;
	}
	if (cJSON_IsNumber(v = cJSON_GetObjectItemCaseSensitive(obj, "max"))) {
		s->flags |= AWS_SHAPE_HAS_MAX;
		s->max = v->valuedouble;
	}
	s->pattern = arena_str(b, obj, "pattern");
	s->enums = string_array(b, cJSON_GetObjectItemCaseSensitive(obj,
	    "enum"), &s->n_enums);
	read_error_facts(b, obj, s);
	return 0;
}

static bool
in_string_array(const cJSON *arr, const char *s)
{
	const cJSON *item;

	cJSON_ArrayForEach(item, arr)
		if (cJSON_IsString(item) && strcmp(item->valuestring, s) == 0)
			return true;
	return false;
}

/* Resolve a structure's members, in model order. */
static int
resolve_members(struct build *b, const cJSON *obj, struct aws_shape *s)
{
	const cJSON *members = cJSON_GetObjectItemCaseSensitive(obj, "members");
	const cJSON *required = cJSON_GetObjectItemCaseSensitive(obj,
	    "required");
	const cJSON *m;
	struct aws_member *out;
	size_t i = 0;

	s->n_members = (size_t)cJSON_GetArraySize(members);
	out = aws_arena_alloc(b->arena, sizeof(*out) * (s->n_members + 1));
	cJSON_ArrayForEach(m, members) {
		char *where = hs_xasprintf("member '%s' of '%s'", m->string,
		    s->name);
		int rc = resolve_ref(b, m, &out[i].ref, where);

		free(where);
		if (rc < 0)
			return -1;
		out[i].name = aws_arena_strdup(b->arena, m->string);
		out[i].required = in_string_array(required, m->string);
		i++;
	}
	s->members = out;
	return 0;
}

/* Resolve the references of one shape. */
static int
resolve_shape(struct build *b, const cJSON *obj, struct aws_shape *s)
{
	char *where = NULL;
	int rc = 0;

	switch (s->type) {
	case AWS_SHAPE_STRUCTURE:
		return resolve_members(b, obj, s);
	case AWS_SHAPE_LIST:
		where = hs_xasprintf("list '%s'", s->name);
		rc = resolve_ref(b, cJSON_GetObjectItemCaseSensitive(obj,
		    "member"), &s->member, where);
		break;
	case AWS_SHAPE_MAP:
		where = hs_xasprintf("map '%s'", s->name);
		rc = resolve_ref(b, cJSON_GetObjectItemCaseSensitive(obj, "key"),
		    &s->key, where);
		if (rc == 0)
			rc = resolve_ref(b, cJSON_GetObjectItemCaseSensitive(
			    obj, "value"), &s->value, where);
		break;
	default:
		break;
	}
	free(where);
	return rc;
}

/* Build every shape: allocate, sort, read, resolve. */
static int
build_shapes(struct build *b, const cJSON *shapes)
{
	const cJSON *obj;
	const struct aws_shape **order;
	size_t i = 0, n = (size_t)cJSON_GetArraySize(shapes);

	b->shapes = aws_arena_alloc(b->arena, sizeof(*b->shapes) * (n + 1));
	b->sorted = aws_arena_alloc(b->arena, sizeof(*b->sorted) * (n + 1));
	order = aws_arena_alloc(b->arena, sizeof(*order) * (n + 1));
	cJSON_ArrayForEach(obj, shapes) {
		b->shapes[i].name = aws_arena_strdup(b->arena, obj->string);
		b->sorted[i] = order[i] = &b->shapes[i];
		i++;
	}
	b->svc->n_shapes = n;
	b->svc->shapes = order;
	qsort(b->sorted, n, sizeof(*b->sorted), cmp_shape_name);
	i = 0;
	cJSON_ArrayForEach(obj, shapes)
		if (read_shape(b, obj, &b->shapes[i++]) < 0)
			return -1;
	i = 0;
	cJSON_ArrayForEach(obj, shapes)
		if (resolve_shape(b, obj, &b->shapes[i++]) < 0)
			return -1;
	b->svc->index->shapes_by_name = b->sorted;
	return 0;
}

/* Pick the protocol botocore would use, among those we speak. */
static enum aws_protocol_kind
pick_protocol(const cJSON *meta, const char **name)
{
	static const char *const priority[] = {
		"json", "rest-json", "rest-xml", "query", "ec2",
	};
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(meta, "protocols");
	size_t i;

	if (cJSON_IsArray(list) && cJSON_GetArraySize(list) > 0) {
		for (i = 0; i < HS_ARRAY_SIZE(priority); i++)
			if (in_string_array(list, priority[i])) {
				*name = priority[i];
				return aws_protocol_kind_from_name(priority[i]);
			}
		*name = "smithy-rpc-v2-cbor";
		return AWS_PROTOCOL_UNSUPPORTED;
	}
	*name = str_item(meta, "protocol");
	return *name ? aws_protocol_kind_from_name(*name) :
	    AWS_PROTOCOL_UNSUPPORTED;
}

/* Read the service-wide facts from metadata. */
static void
read_metadata(struct build *b, const cJSON *desc)
{
	struct aws_service *svc = b->svc;
	const cJSON *meta = cJSON_GetObjectItemCaseSensitive(desc, "metadata");
	const char *proto = NULL;
	cJSON *copy = meta ? cJSON_Duplicate(meta, true) : cJSON_CreateObject();
	struct aws_traits ns = { 0 };

	cJSON_AddItemToArray(b->owned, copy);
	svc->metadata = copy;
	svc->protocol = pick_protocol(copy, &proto);
	svc->protocol_name = aws_arena_strdup(b->arena, proto);
	svc->api_version = arena_str(b, copy, "apiVersion");
	svc->json_version = arena_str(b, copy, "jsonVersion");
	svc->target_prefix = arena_str(b, copy, "targetPrefix");
	svc->endpoint_prefix = arena_str(b, copy, "endpointPrefix");
	svc->signing_name = arena_str(b, copy, "signingName");
	if (svc->signing_name == NULL)
		svc->signing_name = svc->endpoint_prefix;
	svc->service_id = arena_str(b, copy, "serviceId");
	svc->full_name = arena_str(b, copy, "serviceFullName");
	svc->signature_version = arena_str(b, copy, "signatureVersion");
	svc->global_endpoint = arena_str(b, copy, "globalEndpoint");
	svc->query_compatible = cJSON_GetObjectItemCaseSensitive(copy,
	    "awsQueryCompatible") != NULL;
	svc->documentation = arena_str(b, desc, "documentation");
	apply_xmlns(b, copy, &ns);
	svc->xml_namespace = ns.xmlns_uri;
}

/* Read the "http" and "httpChecksum" facts of an operation. */
static void
read_http(struct build *b, const cJSON *obj, struct aws_operation *op)
{
	const cJSON *http = cJSON_GetObjectItemCaseSensitive(obj, "http");
	const cJSON *sum = cJSON_GetObjectItemCaseSensitive(obj, "httpChecksum");
	const cJSON *code = cJSON_GetObjectItemCaseSensitive(http,
	    "responseCode");

	op->http_method = arena_str(b, http, "method");
	if (op->http_method == NULL)
		op->http_method = "POST";
	op->request_uri = arena_str(b, http, "requestUri");
	if (op->request_uri == NULL)
		op->request_uri = "/";
	if (cJSON_IsNumber(code))
		op->response_code = code->valueint;
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(obj,
	    "httpChecksumRequired")))
		op->flags |= AWS_OP_CHECKSUM_REQUIRED;
	if (!cJSON_IsObject(sum))
		return;
	op->checksum_algorithm_member = arena_str(b, sum,
	    "requestAlgorithmMember");
	op->checksum_mode_member = arena_str(b, sum,
	    "requestValidationModeMember");
	op->response_algorithms = string_array(b,
	    cJSON_GetObjectItemCaseSensitive(sum, "responseAlgorithms"),
	    &op->n_response_algorithms);
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(sum,
	    "requestChecksumRequired")))
		op->flags |= AWS_OP_REQUEST_CHECKSUM_REQUIRED;
}

/* Read the auth, endpoint and other flags of an operation. */
static void
read_op_flags(struct build *b, const cJSON *obj, struct aws_operation *op)
{
	const char *authtype = str_item(obj, "authtype");
	const cJSON *auth = cJSON_GetObjectItemCaseSensitive(obj, "auth");
	const cJSON *endpoint = cJSON_GetObjectItemCaseSensitive(obj, "endpoint");
	const cJSON *comp = cJSON_GetObjectItemCaseSensitive(obj,
	    "requestcompression");
	const cJSON *scp = cJSON_GetObjectItemCaseSensitive(obj,
	    "staticContextParams");

	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(obj, "deprecated")))
		op->flags |= AWS_OP_DEPRECATED;
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(obj, "idempotent")))
		op->flags |= AWS_OP_IDEMPOTENT;
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(obj, "readonly")))
		op->flags |= AWS_OP_READONLY;
	if (cJSON_GetObjectItemCaseSensitive(obj, "endpointdiscovery"))
		op->flags |= AWS_OP_ENDPOINT_DISCOVERY;
	if ((authtype && strcmp(authtype, "none") == 0) ||
	    (cJSON_IsArray(auth) && cJSON_GetArraySize(auth) == 1 &&
	    in_string_array(auth, "smithy.api#noAuth")))
		op->flags |= AWS_OP_UNSIGNED;
	if ((authtype && strcmp(authtype, "v4-unsigned-body") == 0) ||
	    cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(obj,
	    "unsignedPayload")))
		op->flags |= AWS_OP_UNSIGNED_PAYLOAD;
	op->host_prefix = arena_str(b, endpoint, "hostPrefix");
	if (cJSON_IsObject(comp)) {
		size_t n;
		const char *const *enc = string_array(b,
		    cJSON_GetObjectItemCaseSensitive(comp, "encodings"), &n);

		op->request_compression = n ? enc[0] : NULL;
	}
	if (cJSON_IsObject(scp)) {
		cJSON *copy = cJSON_Duplicate(scp, true);

		cJSON_AddItemToArray(b->owned, copy);
		op->static_context_params = copy;
	}
}

/* Resolve an operation's errors list. */
static int
read_errors(struct build *b, const cJSON *obj, struct aws_operation *op)
{
	const cJSON *errors = cJSON_GetObjectItemCaseSensitive(obj, "errors");
	const cJSON *e;
	const struct aws_shape **out;
	size_t i = 0;

	out = aws_arena_alloc(b->arena,
	    sizeof(*out) * (size_t)(cJSON_GetArraySize(errors) + 1));
	cJSON_ArrayForEach(e, errors) {
		struct aws_ref ref;
		char *where = hs_xasprintf("errors of '%s'", op->name);
		int rc = resolve_ref(b, e, &ref, where);

		free(where);
		if (rc < 0)
			return -1;
		out[i++] = ref.shape;
	}
	op->errors = out;
	op->n_errors = i;
	return 0;
}

/* Give the members of an input structure their CLI names. */
static void
name_input_members(struct build *b, const struct aws_shape *shape)
{
	struct aws_member *m;
	size_t i;

	if (shape == NULL || shape->type != AWS_SHAPE_STRUCTURE)
		return;
	for (i = 0; i < shape->n_members; i++) {
		char *cli;

		m = (struct aws_member *)&shape->members[i];
		if (m->cli_name != NULL)
			continue;
		cli = aws_model_xform_name(m->name, '-');
		m->cli_name = aws_arena_strdup(b->arena, cli);
		free(cli);
	}
}

/* Resolve an "input" or "output" reference (absent: no shape). */
static int
read_io(struct build *b, const cJSON *obj, const char *key,
    struct aws_ref *ref, const char *op_name)
{
	static const struct aws_traits none;
	const cJSON *r = cJSON_GetObjectItemCaseSensitive(obj, key);
	char *where;
	int rc;

	if (r == NULL) {
		ref->shape = NULL;
		ref->traits = &none;
		return 0;
	}
	where = hs_xasprintf("the %s of '%s'", key, op_name);
	rc = resolve_ref(b, r, ref, where);
	free(where);
	return rc;
}

/* Build one operation. */
static int
build_operation(struct build *b, const cJSON *obj, struct aws_operation *op)
{
	char *cli;

	op->service = b->svc;
	op->name = aws_arena_strdup(b->arena, obj->string);
	op->wire_name = arena_str(b, obj, "name");
	if (op->wire_name == NULL)
		op->wire_name = op->name;
	cli = aws_model_xform_name(op->name, '-');
	op->cli_name = aws_arena_strdup(b->arena, cli);
	free(cli);
	op->documentation = arena_str(b, obj, "documentation");
	op->deprecated_message = arena_str(b, obj, "deprecatedMessage");
	read_http(b, obj, op);
	read_op_flags(b, obj, op);
	if (read_io(b, obj, "input", &op->input, op->name) < 0 ||
	    read_io(b, obj, "output", &op->output, op->name) < 0 ||
	    read_errors(b, obj, op) < 0)
		return -1;
	name_input_members(b, op->input.shape);
	return 0;
}

static int
cmp_op_name(const void *a, const void *b)
{
	return strcmp((*(const struct aws_operation *const *)a)->name,
	    (*(const struct aws_operation *const *)b)->name);
}

static int
cmp_op_cli(const void *a, const void *b)
{
	return strcmp((*(const struct aws_operation *const *)a)->cli_name,
	    (*(const struct aws_operation *const *)b)->cli_name);
}

static int
cmp_error_code(const void *a, const void *b)
{
	return strcmp((*(const struct aws_shape *const *)a)->error_code,
	    (*(const struct aws_shape *const *)b)->error_code);
}

/* Build the operations and their sorted indexes. */
static int
build_operations(struct build *b, const cJSON *ops)
{
	struct aws_model_index *ix = b->svc->index;
	struct aws_operation *out;
	const cJSON *obj;
	size_t i = 0, n = (size_t)cJSON_GetArraySize(ops);

	out = aws_arena_alloc(b->arena, sizeof(*out) * (n + 1));
	ix->ops_by_name = aws_arena_alloc(b->arena, sizeof(void *) * (n + 1));
	ix->ops_by_cli = aws_arena_alloc(b->arena, sizeof(void *) * (n + 1));
	cJSON_ArrayForEach(obj, ops) {
		if (build_operation(b, obj, &out[i]) < 0)
			return -1;
		ix->ops_by_name[i] = ix->ops_by_cli[i] = &out[i];
		i++;
	}
	b->svc->operations = out;
	b->svc->n_operations = n;
	qsort(ix->ops_by_name, n, sizeof(void *), cmp_op_name);
	qsort(ix->ops_by_cli, n, sizeof(void *), cmp_op_cli);
	return 0;
}

/* Index the error shapes by error code. */
static void
build_error_index(struct build *b)
{
	struct aws_model_index *ix = b->svc->index;
	size_t i, n = 0;

	ix->errors_by_code = aws_arena_alloc(b->arena,
	    sizeof(void *) * (b->svc->n_shapes + 1));
	for (i = 0; i < b->svc->n_shapes; i++)
		if (b->shapes[i].flags & AWS_SHAPE_EXCEPTION)
			ix->errors_by_code[n++] = &b->shapes[i];
	ix->n_errors = n;
	qsort(ix->errors_by_code, n, sizeof(void *), cmp_error_code);
}

/* Attach paginators-1.json's configs to their operations. */
static void
build_paginators(struct build *b, const cJSON *doc)
{
	const cJSON *pages = cJSON_GetObjectItemCaseSensitive(doc, "pagination");
	const cJSON *p;

	cJSON_ArrayForEach(p, pages) {
		const struct aws_operation *op = aws_model_find_operation(
		    b->svc, p->string);
		struct aws_paginator *pg;

		if (op == NULL || !cJSON_IsObject(p))
			continue;
		pg = aws_arena_alloc(b->arena, sizeof(*pg));
#define LIST(field, key) pg->field = string_array(b,			\
	cJSON_GetObjectItemCaseSensitive(p, key), &pg->n_##field)
		LIST(input_tokens, "input_token");
		LIST(output_tokens, "output_token");
		LIST(result_keys, "result_key");
		LIST(non_aggregate_keys, "non_aggregate_keys");
#undef LIST
		pg->limit_key = arena_str(b, p, "limit_key");
		pg->more_results = arena_str(b, p, "more_results");
		((struct aws_operation *)op)->paginator = pg;
	}
}

/* Build a model from a service description and optional paginators. */
struct aws_service *
aws_model_new(const cJSON *desc, const cJSON *paginators, const char *name,
    char **cause)
{
	struct build b = { 0 };
	struct aws_service *svc;
	struct aws_arena *arena = aws_arena_new();

	svc = aws_arena_alloc(arena, sizeof(*svc));
	svc->arena = arena;
	svc->index = aws_arena_alloc(arena, sizeof(*svc->index));
	svc->index->owned = cJSON_CreateArray();
	svc->name = aws_arena_strdup(arena, name);
	svc->cli_name = aws_model_cli_service_name(svc->name);
	svc->model_path = "";
	b.svc = svc;
	b.arena = arena;
	b.owned = svc->index->owned;
	b.cause = cause;
	if (!cJSON_IsObject(desc)) {
		*cause = hs_xasprintf("invalid model for '%s': not a JSON "
		    "object", name);
		aws_model_free(svc);
		return NULL;
	}
	read_metadata(&b, desc);
	if (build_shapes(&b, cJSON_GetObjectItemCaseSensitive(desc,
	    "shapes")) < 0 || build_operations(&b,
	    cJSON_GetObjectItemCaseSensitive(desc, "operations")) < 0) {
		aws_model_free(svc);
		return NULL;
	}
	build_error_index(&b);
	if (paginators != NULL)
		build_paginators(&b, paginators);
	if (svc->xml_namespace == NULL)
		svc->xml_namespace = aws_model_default_xmlns(svc);
	return svc;
}

/* Free a model built with aws_model_new(). */
void
aws_model_free(struct aws_service *svc)
{
	if (svc == NULL)
		return;
	cJSON_Delete(svc->index->owned);
	aws_arena_free(svc->arena);
}
