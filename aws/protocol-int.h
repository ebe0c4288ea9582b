/*
 * protocol-int.h: what the model, XML and protocol files share inside
 * aws/; nothing outside aws/model*.c, aws/xml*.c and aws/protocol*.c
 * includes it. Public interfaces are in model.h and protocol.h.
 */
#ifndef HS_AWS_PROTOCOL_INT_H
#define HS_AWS_PROTOCOL_INT_H

#include "hs-common.h"
#include "model.h"
#include "protocol.h"
#include "request.h"

#include <cjson/cJSON.h>
#include <libxml/tree.h>

/* Which members of a structure travel in a body. */
enum aws_scope {
	AWS_SCOPE_ALL,		/* all (nested structures, query, json) */
	AWS_SCOPE_REQUEST,	/* rest requests: members without a location */
	AWS_SCOPE_RESPONSE,	/* rest responses: all but header, headers and
				   statusCode members (botocore) */
};
/* model-arena.c */
struct aws_arena;
struct aws_arena *aws_arena_new(void);
void aws_arena_free(struct aws_arena *a);
void *aws_arena_alloc(struct aws_arena *a, size_t n);
const char *aws_arena_strdup(struct aws_arena *a, const char *s);

/* model-build.c: the sorted indexes behind model-lookup.c */
struct aws_model_index {
	const struct aws_shape **shapes_by_name;
	const struct aws_operation **ops_by_name;
	const struct aws_operation **ops_by_cli;
	const struct aws_shape **errors_by_code;
	size_t n_errors;
	cJSON *owned;		/* cJSON copies the model points into */
};
/* The xmlns responses use when the model names none (model-lookup.c). */
const char *aws_model_default_xmlns(const struct aws_service *svc);

/* model-load.c */
/* Merge src into dst as botocore's deep_merge does (objects recursively,
 * anything else replaced). */
void aws_model_deep_merge(cJSON *dst, const cJSON *src);

/* protocol-value.c: scalars on the wire */

/* (struct aws_time, timestamps, base64 and number text: protocol.h) */
/* Seconds since the epoch as a double (for tests). */
double aws_time_to_double(const struct aws_time *t);


/* An integer cJSON from text: a number, or raw digits beyond 2^53;
 * NULL if the text is not an integer. */
cJSON *aws_integer_from_text(const char *s, size_t len);
/* A float cJSON from text: a number or "NaN"/"Infinity"/"-Infinity". */
cJSON *aws_float_from_text(const char *s);
/* A timestamp cJSON (output form) from wire text; NULL if invalid. */
cJSON *aws_timestamp_from_text(const char *s);

/* Append the text of a scalar value for a query string, header, label,
 * query body or XML element. Timestamps use fmt (never DEFAULT). -1 with
 * *cause if the value does not fit the type. */
int aws_scalar_to_text(struct hs_buf *out, const struct aws_ref *ref,
    const cJSON *v, enum aws_timestamp_format fmt, const char *path,
    char **cause);
/* Parse the text of a scalar (as above) into a cJSON value. */
cJSON *aws_scalar_from_text(const struct aws_ref *ref, const char *text,
    size_t len, const char *path, char **cause);
/* The timestamp format a reference uses in a place. */
enum aws_timestamp_format aws_ref_timestamp_format(const struct aws_ref *ref,
    enum aws_timestamp_format protocol_default);
/* A fresh UUID4 ("3f0c...-4...-[89ab]...") into out[37]. */
void aws_uuid4(char out[37]);
#ifdef HS_UNIT_TESTS
extern const char *aws_uuid_fixed;	/* tests: every UUID4 is this */
#endif

/* A path for messages: "Tags[0].Key". */
char *aws_path_member(const char *path, const char *member);
char *aws_path_index(const char *path, size_t i);
char *aws_path_key(const char *path, const char *key);
/* Describe a cJSON value's type for messages ("a string"). */
const char *aws_json_type_name(const cJSON *v);

/* protocol-jsontext.c: JSON text with exact integers */

/* Append a JSON string literal. */
void aws_json_write_string(struct hs_buf *out, const char *s, size_t len);

/* protocol-json-body.c: shapes <-> JSON values */

/* Refuse input keys that are not members of a structure. */
int aws_check_members(const struct aws_shape *shape, const cJSON *v,
    const char *path, char **cause);

/* Append the JSON of value v (of ref) for a json/rest-json body. */
int aws_json_body_write(struct hs_buf *out, const struct aws_ref *ref,
    const cJSON *v, const char *path, char **cause);
/* Read a parsed JSON body value into the model's form; strict (server)
 * refuses values of the wrong JSON type, else they pass through. */
cJSON *aws_json_body_read(const struct aws_ref *ref, const cJSON *v,
    const char *path, bool strict, char **cause);
/* Append a structure's members in scope as a JSON object. */
int aws_json_body_write_members(struct hs_buf *out,
    const struct aws_shape *shape, const cJSON *v, enum aws_scope scope,
    const char *path, char **cause);

/* xml.c: libxml2 helpers */

/* Parse an XML document safely (no network, no external entities). */
xmlDocPtr aws_xml_parse(const char *text, size_t len, char **cause);
/* The element's local name. */
const char *aws_xml_name(const xmlNode *node);
/* The next element sibling at or after node, or NULL. */
xmlNode *aws_xml_element(xmlNode *node);
/* The first element child named name (local name), or NULL. */
xmlNode *aws_xml_child(const xmlNode *node, const char *name);
/* The element's own text (its text and CDATA children), as a new string. */
char *aws_xml_text(const xmlNode *node);
/* Append text escaped for an element's content or an attribute. */
void aws_xml_escape(struct hs_buf *out, const char *s, size_t len,
    bool attribute);
/* Canonical form (C14N) of a document with whitespace-only text
 * removed, for comparisons in tests. NULL with *cause. */
char *aws_xml_canonical(const char *text, size_t len, char **cause);

/* protocol-xml-body.c: shapes <-> XML */

/* Append the element for value v (of ref) named name; the namespace of
 * the reference is written when it has one. */
int aws_xml_body_write(struct hs_buf *out, const struct aws_ref *ref,
    const cJSON *v, const char *name, const char *path, char **cause);
/* Append a structure's members in scope as child elements (the caller
 * writes the attributes). */
int aws_xml_body_write_members(struct hs_buf *out,
    const struct aws_shape *shape, const cJSON *v, enum aws_scope scope,
    const char *path, char **cause);
/* Append the attributes of a structure value (xmlAttribute members). */
int aws_xml_body_write_attributes(struct hs_buf *out,
    const struct aws_shape *shape, const cJSON *v, const char *path,
    char **cause);
/* Read the value of ref from the n nodes that carry it (n > 1 only for
 * flattened lists and maps); *out may stay NULL (absent). */
int aws_xml_body_read(const struct aws_ref *ref, xmlNode **nodes, size_t n,
    const char *path, cJSON **out, char **cause);
/* Read a structure's members in scope from its element into obj. */
int aws_xml_body_read_members(const struct aws_shape *shape, xmlNode *node,
    enum aws_scope scope, cJSON *obj, const char *path, char **cause);

/* protocol-rest.c: HTTP bindings shared by rest-json and rest-xml */

/* Tell whether a member travels in the body in a scope. */
bool aws_member_in_scope(const struct aws_member *m, enum aws_scope scope);

/* Put the uri, querystring and header members of input into req. */
int aws_rest_serialize_bindings(const struct aws_operation *op,
    const cJSON *input, struct aws_request *req, char **cause);
/* Read the header, headers and statusCode members of shape into obj. */
int aws_rest_parse_bindings(const struct aws_shape *shape, int status,
    const struct aws_kvlist *headers, cJSON *obj, char **cause);
/* Server: read uri/querystring/header members of a request into obj. */
int aws_rest_decode_bindings(const struct aws_operation *op,
    const struct aws_request *req, cJSON *obj, char **cause);
/* Server: write header/headers/statusCode members of output into resp. */
int aws_rest_encode_bindings(const struct aws_shape *shape,
    const cJSON *output, struct aws_response *resp, char **cause);
/* Match a request path against an operation's requestUri: a score
 * (higher: more specific), or -1 if it does not match. Labels go into
 * labels (decoded) when it is not NULL. */
int aws_rest_match(const struct aws_operation *op, const char *path,
    const struct aws_kvlist *query, struct aws_kvlist *labels);
/* Server: how well a request fits a rest operation (higher: better), or
 * -1 if it cannot be for it. */
int aws_rest_route_score(const struct aws_operation *op,
    const struct aws_request *req);
/* The payload member of a structure reference (its payload trait, the
 * shape's or the operation's input/output reference's), or NULL. */
const struct aws_member *aws_rest_payload(const struct aws_ref *ref);
/* Tell whether a payload member is a raw body (blob or string). */
bool aws_rest_payload_is_raw(const struct aws_member *m);
/* Set the request body to a raw payload value (base64 or {"file":...}). */
int aws_rest_body_from_raw(const struct aws_member *m, const cJSON *v,
    struct aws_request *req, char **cause);
/* Server: put a raw payload member of output into resp's body. */
int aws_rest_encode_raw(const struct aws_member *p, const cJSON *output,
    struct aws_response *resp, char **cause);
/* Read a raw payload from a response/request body into a value. */
cJSON *aws_rest_raw_from_body(const struct aws_member *m,
    enum aws_body_kind kind, const struct hs_buf *body, const char *file,
    off_t length);

/* protocol-query.c, protocol-json.c, protocol-rest-json.c,
 * protocol-rest-xml.c: one protocol each */
int aws_query_serialize(const struct aws_operation *op, const cJSON *input,
    struct aws_request *req, char **cause);
int aws_query_parse(const struct aws_operation *op,
    const struct aws_response *resp, cJSON **output, char **cause);
int aws_query_decode(const struct aws_operation *op,
    const struct aws_request *req, cJSON **input, char **cause);
int aws_query_encode(const struct aws_operation *op, const cJSON *output,
    const char *request_id, struct aws_response *resp, char **cause);
/* The Action of a query request (body or query string), or NULL. */
char *aws_query_action(const struct aws_request *req);

int aws_json_serialize(const struct aws_operation *op, const cJSON *input,
    struct aws_request *req, char **cause);
int aws_json_parse_output(const struct aws_operation *op,
    const struct aws_response *resp, cJSON **output, char **cause);
int aws_json_decode(const struct aws_operation *op,
    const struct aws_request *req, cJSON **input, char **cause);
int aws_json_encode(const struct aws_operation *op, const cJSON *output,
    const char *request_id, struct aws_response *resp, char **cause);

int aws_restjson_serialize(const struct aws_operation *op,
    const cJSON *input, struct aws_request *req, char **cause);
int aws_restjson_parse(const struct aws_operation *op,
    const struct aws_response *resp, cJSON **output, char **cause);
int aws_restjson_decode(const struct aws_operation *op,
    const struct aws_request *req, cJSON **input, char **cause);
int aws_restjson_encode(const struct aws_operation *op, const cJSON *output,
    const char *request_id, struct aws_response *resp, char **cause);
/* Parse a structure from a rest-json response (outputs and errors). */
int aws_restjson_parse_shape(const struct aws_ref *ref,
    const struct aws_response *resp, cJSON *obj, char **cause);

int aws_restxml_serialize(const struct aws_operation *op,
    const cJSON *input, struct aws_request *req, char **cause);
int aws_restxml_parse(const struct aws_operation *op,
    const struct aws_response *resp, cJSON **output, char **cause);
int aws_restxml_decode(const struct aws_operation *op,
    const struct aws_request *req, cJSON **input, char **cause);
int aws_restxml_encode(const struct aws_operation *op, const cJSON *output,
    const char *request_id, struct aws_response *resp, char **cause);
int aws_restxml_parse_shape(const struct aws_ref *ref,
    const struct aws_response *resp, cJSON *obj, char **cause);

/* protocol-checksum.c */
/* Add the checksum header the operation needs (if any) to req. */
int aws_checksum_apply(const struct aws_operation *op, const cJSON *input,
    unsigned flags, struct aws_request *req, char **cause);

/* protocol-s3.c: what botocore does for S3 on top of rest-xml */
/* Tell whether a 200 response of S3 carries an error document. */
bool aws_s3_is_200_error(const struct aws_operation *op,
    const struct aws_response *resp);
/* Parse GetBucketLocation's bare <LocationConstraint> document. */
bool aws_s3_special_parse(const struct aws_operation *op,
    const struct aws_response *resp, cJSON **output, int *rc,
    char **cause);
/* Tell whether S3 list keys get url-encoded on the serializer's own
 * initiative: a list operation whose input names no EncodingType. */
bool aws_s3_auto_url_encoding(const struct aws_operation *op,
    const cJSON *input);
/* url-decode the keys of a list output when it says EncodingType url. */
void aws_s3_decode_keys(const struct aws_operation *op, cJSON *output);
/* Encode GetBucketLocation's bare document (sandbox). */
/* The root element S3 names an operation's answer with, or NULL. */
const char *aws_s3_output_root(const struct aws_operation *op);
bool aws_s3_special_encode(const struct aws_operation *op,
    const cJSON *output, struct aws_response *resp, int *rc, char **cause);

/* protocol.c */
/* Replace a response's body by a copy of b (in memory). */
void aws_response_set_body(struct aws_response *resp, const struct hs_buf *b);

/* Parse the modeled members of a query/ec2 or json error into obj. */
int aws_query_parse_error_fields(const struct aws_ref *ref,
    const struct aws_response *resp, cJSON *obj, char **cause);
int aws_json_parse_error_fields(const struct aws_ref *ref,
    const struct aws_response *resp, cJSON *obj, char **cause);

/* protocol-error.c */
/* The request ID in a response's headers, or NULL. */
char *aws_error_request_id(const struct aws_response *resp);
/* Parse an error response of any protocol into err. */
void aws_error_parse(const struct aws_service *svc,
    const struct aws_response *resp, struct aws_error *err);
/* Set the headers of an encoded error. */
void aws_protocol_error_headers(const struct aws_service *svc,
    const struct aws_error *err, const char *code, struct aws_response *resp);

#endif
