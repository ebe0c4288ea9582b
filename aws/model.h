/*
 * model.h: botocore service models, resolved for the protocols, the CLI
 * argument converter, the output formatter, help and the sandbox.
 *
 * A model is botocore's service-2.json (or service-2.json.gz) with its
 * *.sdk-extras.json merged in and paginators-1.json beside it, found in
 * this order (the first folder that has the service wins; in it, the
 * newest api-version folder, as botocore picks it):
 *   1. each folder of $HIPAA_SHELL_MODEL_PATH (colon-separated),
 *   2. $HS_MODEL_DIR, else the compiled-in HS_MODEL_DIR (the models the
 *      build copied: $(pkgdatadir)/models once installed),
 *   3. $BOTOCORE_DATA, else the botocore data folder configure found,
 *      so that any installed service works.
 *
 * aws_model_get() loads a service once per process, lazily, and caches
 * it; it is safe to call from several threads (the sandbox). A cached
 * model is immutable and lives until aws_model_cache_clear() (tests).
 *
 * Everything is resolved when the model is loaded: shapes point at their
 * members' shapes, members keep the model's order (output key order
 * matters), and every reference carries its effective serialization
 * traits -- a member's own traits override its shape's, as in botocore's
 * ShapeResolver.
 *
 * Ownership: every pointer in these structs belongs to the model and is
 * valid as long as the model is; callers never free them.
 */
#ifndef HS_AWS_MODEL_H
#define HS_AWS_MODEL_H

#include "hs-common.h"

struct cJSON;

/* The wire protocol of a service (metadata.protocols, as botocore picks). */
enum aws_protocol_kind {
	AWS_PROTOCOL_QUERY,		/* IAM, STS, CloudFormation */
	AWS_PROTOCOL_EC2,		/* EC2: query with its own naming */
	AWS_PROTOCOL_JSON,		/* awsJson 1.0 / 1.1: ECR, Logs, KMS, ECS */
	AWS_PROTOCOL_REST_JSON,		/* Lambda */
	AWS_PROTOCOL_REST_XML,		/* S3 */
	AWS_PROTOCOL_UNSUPPORTED,	/* smithy-rpc-v2-cbor only, or unknown */
};

enum aws_shape_type {
	AWS_SHAPE_STRUCTURE,
	AWS_SHAPE_LIST,
	AWS_SHAPE_MAP,
	AWS_SHAPE_STRING,
	AWS_SHAPE_CHARACTER,	/* a one-character string */
	AWS_SHAPE_BOOLEAN,
	AWS_SHAPE_BYTE,
	AWS_SHAPE_SHORT,
	AWS_SHAPE_INTEGER,
	AWS_SHAPE_LONG,
	AWS_SHAPE_FLOAT,
	AWS_SHAPE_DOUBLE,
	AWS_SHAPE_TIMESTAMP,
	AWS_SHAPE_BLOB,
};

/* Where a member travels in an HTTP request or response (rest protocols). */
enum aws_location {
	AWS_LOCATION_BODY = 0,		/* in the body (no location trait) */
	AWS_LOCATION_URI,		/* a {label} of the requestUri */
	AWS_LOCATION_QUERYSTRING,	/* ?name=value (a map: many names) */
	AWS_LOCATION_HEADER,		/* one header */
	AWS_LOCATION_HEADERS,		/* a map: every header with a prefix */
	AWS_LOCATION_STATUS_CODE,	/* the HTTP status (outputs) */
};

enum aws_timestamp_format {
	AWS_TIMESTAMP_DEFAULT = 0,	/* the protocol's default where it is */
	AWS_TIMESTAMP_ISO8601,
	AWS_TIMESTAMP_RFC822,
	AWS_TIMESTAMP_UNIX,
};

enum aws_trait_flags {
	AWS_TRAIT_FLATTENED = 1 << 0,		/* XML/query list or map */
	AWS_TRAIT_XML_ATTRIBUTE = 1 << 1,	/* an attribute of the parent */
	AWS_TRAIT_JSONVALUE = 1 << 2,		/* JSON, base64 in a header */
	AWS_TRAIT_IDEMPOTENCY_TOKEN = 1 << 3,	/* filled with a UUID4 */
	AWS_TRAIT_HOST_LABEL = 1 << 4,		/* goes into the hostPrefix */
	AWS_TRAIT_STREAMING = 1 << 5,		/* a streaming blob payload */
	AWS_TRAIT_EVENTSTREAM = 1 << 6,
	AWS_TRAIT_EVENT = 1 << 7,
	AWS_TRAIT_EVENT_HEADER = 1 << 8,
	AWS_TRAIT_EVENT_PAYLOAD = 1 << 9,
	AWS_TRAIT_DEPRECATED = 1 << 10,
	AWS_TRAIT_SENSITIVE = 1 << 11,		/* never log the value */
	AWS_TRAIT_REQUIRES_LENGTH = 1 << 12,	/* streaming: length needed */
};

/*
 * Serialization traits of a shape, or of one reference to a shape (a
 * structure member, a list member, a map key or value, an operation's
 * input or output). NULL strings and 0 flags mean "not set".
 */
struct aws_traits {
	const char *location_name;	/* locationName: element, JSON key,
					   header, header prefix, URI label */
	const char *query_name;		/* queryName (ec2 input) */
	enum aws_location location;
	enum aws_timestamp_format timestamp_format;
	const char *xmlns_uri;		/* xmlNamespace.uri */
	const char *xmlns_prefix;	/* xmlNamespace.prefix */
	const char *result_wrapper;	/* query outputs: <OpResult> */
	const char *payload;		/* structure: the member that is the
					   whole body */
	const char *context_param;	/* contextParam.name (endpoint rules) */
	const char *documentation;	/* HTML, as in the model */
	const char *deprecated_message;
	unsigned flags;			/* enum aws_trait_flags */
};

struct aws_shape;

/* A reference to a shape with its effective traits (never NULL). */
struct aws_ref {
	const struct aws_shape *shape;	/* NULL: no shape (no input...) */
	const struct aws_traits *traits;
};

/* A structure member, in model order. */
struct aws_member {
	const char *name;	/* the model's member name: the cJSON key */
	const char *cli_name;	/* option name without "--" ("bucket",
				   "sse-customer-key-md5"), set for the
				   members of operation inputs, else NULL;
				   botocore's xform_name, before the AWS
				   CLI's per-command renames */
	struct aws_ref ref;
	bool required;		/* in the structure's "required" list (the
				   AWS CLI does not require idempotency
				   tokens: test AWS_TRAIT_IDEMPOTENCY_TOKEN) */
};

enum aws_shape_flags {
	AWS_SHAPE_EXCEPTION = 1 << 0,	/* an error shape */
	AWS_SHAPE_FAULT = 1 << 1,	/* a server-side error shape */
	AWS_SHAPE_UNION = 1 << 2,	/* exactly one member is set */
	AWS_SHAPE_DOCUMENT = 1 << 3,	/* any JSON value */
	AWS_SHAPE_SPARSE = 1 << 4,	/* list/map values may be null */
	AWS_SHAPE_HAS_MIN = 1 << 5,
	AWS_SHAPE_HAS_MAX = 1 << 6,
	AWS_SHAPE_SENDER_FAULT = 1 << 7,	/* error.senderFault */
	AWS_SHAPE_RETRYABLE = 1 << 8,
	AWS_SHAPE_THROTTLING = 1 << 9,	/* retryable.throttling */
};

struct aws_shape {
	const char *name;
	enum aws_shape_type type;
	struct aws_traits traits;	/* the shape's own traits */
	unsigned flags;			/* enum aws_shape_flags */
	/* structure */
	const struct aws_member *members;
	size_t n_members;
	/* list */
	struct aws_ref member;
	/* map */
	struct aws_ref key;
	struct aws_ref value;
	/* strings: enum values (may be empty), pattern (or NULL) */
	const char *const *enums;
	size_t n_enums;
	const char *pattern;
	/* min/max: length of strings, blobs, lists, maps; value of numbers */
	double min;
	double max;
	/* exceptions */
	const char *error_code;		/* error.code, else the shape name */
	int error_status;		/* error.httpStatusCode, 0 if unset */
};

/* A pagination config from paginators-1.json (expressions as text). */
struct aws_paginator {
	const char *const *input_tokens;
	size_t n_input_tokens;
	const char *const *output_tokens;	/* JMESPath: "A || B[-1].C" */
	size_t n_output_tokens;
	const char *limit_key;			/* or NULL */
	const char *more_results;		/* or NULL */
	const char *const *result_keys;		/* JMESPath */
	size_t n_result_keys;
	const char *const *non_aggregate_keys;	/* JMESPath */
	size_t n_non_aggregate_keys;
};

enum aws_operation_flags {
	AWS_OP_DEPRECATED = 1 << 0,
	AWS_OP_IDEMPOTENT = 1 << 1,
	AWS_OP_READONLY = 1 << 2,
	AWS_OP_CHECKSUM_REQUIRED = 1 << 3,	/* httpChecksumRequired */
	AWS_OP_REQUEST_CHECKSUM_REQUIRED = 1 << 4, /* httpChecksum.request... */
	AWS_OP_UNSIGNED = 1 << 5,		/* authtype none / noAuth */
	AWS_OP_UNSIGNED_PAYLOAD = 1 << 6,	/* v4-unsigned-body */
	AWS_OP_ENDPOINT_DISCOVERY = 1 << 7,
};

struct aws_service;

struct aws_operation {
	const struct aws_service *service;
	const char *name;		/* API name: "PutObject" */
	const char *wire_name;		/* "name" in the model (on the wire) */
	const char *cli_name;		/* "put-object" */
	const char *http_method;	/* "POST" unless the model says */
	const char *request_uri;	/* "/{Bucket}/{Key+}?uploads" */
	int response_code;		/* http.responseCode, 0 if unset */
	struct aws_ref input;		/* input.shape NULL: no input */
	struct aws_ref output;		/* output.shape NULL: no output */
	const struct aws_shape *const *errors;	/* modeled error shapes */
	size_t n_errors;
	const char *host_prefix;	/* endpoint.hostPrefix, or NULL */
	const char *checksum_algorithm_member;	/* httpChecksum.request... */
	const char *checksum_mode_member;	/* requestValidationModeMember */
	const char *const *response_algorithms;	/* responseAlgorithms */
	size_t n_response_algorithms;
	const char *request_compression;	/* first encoding, or NULL */
	const char *documentation;
	const char *deprecated_message;
	unsigned flags;			/* enum aws_operation_flags */
	const struct cJSON *static_context_params;	/* or NULL */
	const struct aws_paginator *paginator;	/* or NULL */
};

struct aws_service {
	const char *name;		/* data folder name: "s3", "iam" */
	const char *cli_name;		/* command name: "s3api" for s3 */
	const char *api_version;
	enum aws_protocol_kind protocol;
	const char *protocol_name;	/* e.g. "rest-xml", "json" */
	const char *json_version;	/* "1.0" / "1.1" (json), or NULL */
	const char *target_prefix;	/* X-Amz-Target prefix (json) */
	const char *endpoint_prefix;
	const char *signing_name;	/* signingName, else endpointPrefix */
	const char *service_id;		/* "S3", "IAM", "CloudWatch Logs" */
	const char *full_name;		/* serviceFullName */
	const char *signature_version;	/* "v4", "s3", ... */
	const char *global_endpoint;	/* or NULL */
	const char *xml_namespace;	/* responses' xmlns (query, rest-xml) */
	bool query_compatible;		/* awsQueryCompatible (json) */
	const char *documentation;
	const char *model_path;		/* the file it was read from, or "" */
	const struct cJSON *metadata;	/* the raw "metadata" object */
	const struct aws_operation *operations;	/* in model order */
	size_t n_operations;
	const struct aws_shape *const *shapes;	/* in model order */
	size_t n_shapes;
	struct aws_model_index *index;	/* private: sorted lookups */
	struct aws_arena *arena;	/* private: where it all lives */
};

/* model-load.c: finding, reading and caching models */

/* The model of a service by data folder name ("s3"), loaded once. */
const struct aws_service *aws_model_get(const char *name, char **cause);
/* The model of a CLI command name ("s3api", "iam"); NULL if none. */
const struct aws_service *aws_model_get_cli(const char *cli_name,
    char **cause);
/* Drop every cached model (tests and leak checks only). */
void aws_model_cache_clear(void);
/* The data folder names of every service found, sorted; *n is set. The
 * list and its strings belong to the caller (aws_model_list_free). */
char **aws_model_list_services(size_t *n);
void aws_model_list_free(char **list, size_t n);
/* The path of a data file beside the models ("endpoints.json",
 * "partitions.json", "_retry.json") in the search path, or NULL. */
char *aws_model_find_data_file(const char *file_name);
/* The folders searched, in order, as a NULL-terminated array that the
 * caller frees with aws_model_list_free(list, SIZE_MAX). */
char **aws_model_search_path(void);
/* Read a JSON file, gunzipping it if its name ends in ".gz". */
struct cJSON *aws_model_read_json(const char *path, char **cause);

/* model-build.c: resolving a service description */

/* Build a model from a service description ({metadata, operations,
 * shapes}) and an optional paginators-1.json document; for tests and
 * the protocol vectors. The caller frees it with aws_model_free(). */
struct aws_service *aws_model_new(const struct cJSON *description,
    const struct cJSON *paginators, const char *name, char **cause);
void aws_model_free(struct aws_service *svc);

/* model-lookup.c: finding things in a model */

const struct aws_operation *aws_model_find_operation(
    const struct aws_service *svc, const char *name);
const struct aws_operation *aws_model_find_operation_cli(
    const struct aws_service *svc, const char *cli_name);
const struct aws_shape *aws_model_find_shape(const struct aws_service *svc,
    const char *name);
/* The error shape for an error code (error.code or shape name), or NULL. */
const struct aws_shape *aws_model_find_error(const struct aws_service *svc,
    const char *code);
/* A structure's member by model name, or NULL. */
const struct aws_member *aws_model_find_member(const struct aws_shape *shape,
    const char *name);
/* An operation input member by CLI name ("bucket"), or NULL. */
const struct aws_member *aws_model_find_member_cli(
    const struct aws_shape *shape, const char *cli_name);
/* The name a reference travels under: locationName, else fallback. */
const char *aws_ref_name(const struct aws_ref *ref, const char *fallback);
/* The type name as botocore spells it ("structure", "long"...). */
const char *aws_shape_type_name(enum aws_shape_type type);
/* Tell whether a type is one of the integer types. */
bool aws_shape_is_integer(enum aws_shape_type type);
/* The protocol kind of a protocol name ("rest-xml"). */
enum aws_protocol_kind aws_protocol_kind_from_name(const char *name);

/* model-names.c: CLI names */

/* botocore's xform_name: "ListMFADevices" -> "list_mfa_devices" with
 * sep '_', "list-mfa-devices" with sep '-'. The caller frees it. */
char *aws_model_xform_name(const char *name, char sep);
/* The CLI command name of a service: "s3" -> "s3api", as the AWS CLI
 * renames it; others keep their data folder name. Static storage or name. */
const char *aws_model_cli_service_name(const char *name);
/* The inverse: "s3api" -> "s3"; others map to themselves, except the
 * renamed ones ("s3", "config", "codedeploy": NULL, no such command). */
const char *aws_model_service_name_for_cli(const char *cli_name);

/* model-validate.c: botocore's parameter validation */

/* Check an input (cJSON object keyed by member names) against an
 * operation's input shape as botocore's ParamValidator does: required
 * members, unknown members, types, ranges and lengths (min only, like
 * botocore), enum values are not checked (botocore does not). 0 if
 * valid; else -1 and *cause lists every problem, one per line. */
int aws_model_validate_input(const struct aws_operation *op,
    const struct cJSON *input, char **cause);

#endif
