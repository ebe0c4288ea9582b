/*
 * protocol.h: the four AWS protocols (query and its ec2 variant, json 1.0
 * and 1.1, rest-json, rest-xml), driven by the service models (model.h),
 * in both directions:
 *
 *   client: input (cJSON) --aws_protocol_serialize--> aws_request
 *           aws_response --aws_protocol_parse--> output (cJSON) or error
 *   server: aws_request --aws_protocol_find_operation,
 *                         aws_protocol_decode_request--> input (cJSON)
 *           output (cJSON) --aws_protocol_encode_response--> aws_response
 *           aws_error --aws_protocol_encode_error--> aws_response
 *
 * Values in cJSON: an input or output is a cJSON object whose keys are
 * the model's member names (not the wire names). Structures are objects
 * and lists are arrays; maps are objects. Outputs keep the key order
 * botocore's dict has, which is the order the AWS CLI prints: the model's
 * member order, except that rest outputs list their header and status
 * members first, then their body members. List and map order is the wire
 * order. Absent members are absent (inputs: a JSON null counts as
 * absent). Scalars:
 *
 *   string, character  string
 *   boolean            true / false
 *   byte, short,       number; a long beyond +-2^53 is a cJSON *raw*
 *   integer, long      number (cJSON_CreateRaw("12345678901234567890")),
 *                      which cJSON_Print writes verbatim. Inputs may be
 *                      either form.
 *   float, double      number; NaN and the infinities are the strings
 *                      "NaN", "Infinity", "-Infinity" (both ways).
 *   timestamp          outputs: a string in the form Python's isoformat()
 *                      gives botocore's datetime, which is what the AWS
 *                      CLI v2 prints: "2019-12-16T23:48:18+00:00", with
 *                      ".ffffff" when there are microseconds and the
 *                      offset the wire gave (epoch numbers are UTC; use
 *                      aws_protocol_timestamp_format() to learn that the
 *                      wire form was an epoch number). Inputs: that form,
 *                      any ISO 8601 or RFC 822 text, or a number of epoch
 *                      seconds (fractions allowed).
 *   blob               a base64 string (standard alphabet, padded), as
 *                      the AWS CLI v2 prints blobs and takes them.
 *   streaming blob     (a payload member marked streaming, e.g. S3 Body)
 *                      base64 in memory, or an object {"file": PATH} with
 *                      optional "offset" and "length" (numbers): the body
 *                      is streamed from/to that file (AWS_BODY_FILE) and
 *                      never read into memory. Outputs whose response body
 *                      went to a file are {"file": PATH, "length": N}.
 *   string payload     the raw body text.
 *   jsonvalue header   any JSON value (it is base64 JSON on the wire).
 *   document           any JSON value.
 *
 * JSON nulls inside lists and maps are kept (botocore reads every list as
 * sparse). Print numbers with aws_json_write_value() or the helpers below,
 * not cJSON_Print: it writes 1e15 as "1e+15" where Python, and so the
 * AWS CLI, writes 1000000000000000 (an integer) or 1000000000000000.0.
 *
 * Ownership: returned cJSON trees and strings belong to the caller;
 * arguments are borrowed. Functions never print; they return -1 with a
 * message in *cause (the caller frees it).
 */
#ifndef HS_AWS_PROTOCOL_H
#define HS_AWS_PROTOCOL_H

#include "hs-common.h"
#include "model.h"
#include "request.h"

struct cJSON;

/* An error answered by a service, parsed (client) or to encode (server). */
struct aws_error {
	int status;		/* HTTP status; 0 when encoding: from the
				   error shape, else 400 (500 for faults) */
	char *code;		/* "NoSuchKey", "AccessDenied" (prefixes such
				   as "aws.protocoltests#" stripped) */
	char *message;		/* may be "" */
	char *type;		/* query: "Sender"/"Receiver", or NULL */
	char *request_id;	/* x-amzn-RequestId, x-amz-request-id or the
				   body's RequestId, or NULL */
	char *host_id;		/* S3's x-amz-id-2, or NULL */
	const struct aws_shape *shape;	/* the modeled error, or NULL */
	struct cJSON *fields;	/* the modeled error's members (object, may
				   be empty), or NULL when not modeled */
};

#define AWS_ERROR_INIT { 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL }

/* Free what an error holds; it is left initialised. */
void aws_error_clear(struct aws_error *err);
/* Format as the AWS CLI does: "An error occurred (Code) when calling the
 * Op operation: Message". The caller frees it. */
char *aws_error_describe(const struct aws_error *err, const char *operation);

enum aws_serialize_flags {
	/* request_checksum_calculation = when_required: no CRC32 for
	 * operations where a checksum is only supported */
	AWS_SERIALIZE_CHECKSUM_WHEN_REQUIRED = 1 << 0,
	/* disable_host_prefix_injection */
	AWS_SERIALIZE_NO_HOST_PREFIX = 1 << 1,
	/* leave idempotency tokens out when the input lacks them */
	AWS_SERIALIZE_NO_IDEMPOTENCY_TOKEN = 1 << 2,
	/* disable_request_compression = true */
	AWS_SERIALIZE_NO_COMPRESSION = 1 << 3,
};

/* request_min_compression_size_bytes: its default and its largest value. */
#define AWS_COMPRESSION_MIN_SIZE_DEFAULT 10240
#define AWS_COMPRESSION_MIN_SIZE_MAX 1048576

/* What aws_protocol_serialize_opts() takes beyond the input. */
struct aws_serialize_opts {
	unsigned flags;			/* enum aws_serialize_flags */
	size_t compression_min_size;	/* request_min_compression_size_bytes */
};

/* Fill missing idempotency-token members of input with UUID4 strings, as
 * botocore does before serializing; returns how many were added. Call it
 * first to keep the tokens (audit log, retries); aws_protocol_serialize()
 * makes its own otherwise. */
int aws_protocol_fill_idempotency_tokens(const struct aws_operation *op,
    struct cJSON *input);

/*
 * Serialize input into req: method, path (after any base path the
 * endpoint put in req->path), query, headers, body, checksum header,
 * service_id and operation. Set the endpoint first
 * (aws_request_set_endpoint): the operation's hostPrefix is prepended to
 * req->host. Signing is left to the signer. flags: enum
 * aws_serialize_flags. The input is checked for types as it is
 * serialized (see aws_model_validate_input for botocore's checks).
 */
int aws_protocol_serialize(const struct aws_operation *op,
    const struct cJSON *input, unsigned flags, struct aws_request *req,
    char **cause);
/* The same with the request compression size as well as the flags
 * (aws_protocol_serialize() uses AWS_COMPRESSION_MIN_SIZE_DEFAULT). */
int aws_protocol_serialize_opts(const struct aws_operation *op,
    const struct cJSON *input, const struct aws_serialize_opts *opts,
    struct aws_request *req, char **cause);
/*
 * Request compression (botocore's compress.py), a step of
 * aws_protocol_serialize_opts() before the checksum: when the operation
 * has the requestcompression trait with gzip and the body has at least
 * min_size bytes (a streaming input: any size unless it requires a
 * length), gzip the body (a file body into memory) and append "gzip" to
 * Content-Encoding. Returns 0 (done or not needed) or -1 with *cause.
 */
int aws_protocol_compress(const struct aws_operation *op, size_t min_size,
    struct aws_request *req, char **cause);
/* Gzip len bytes of data into out (appended), as Python's gzip.compress. */
int aws_gzip(const void *data, size_t len, struct hs_buf *out, char **cause);

enum aws_parse_result {
	AWS_PARSE_FAILED = -1,		/* malformed response: *cause */
	AWS_PARSE_OK = 0,		/* *output set */
	AWS_PARSE_SERVICE_ERROR = 1,	/* *err set */
};

/* Parse a response: AWS_PARSE_OK with *output (an object, possibly
 * empty, without ResponseMetadata), AWS_PARSE_SERVICE_ERROR with *err,
 * or AWS_PARSE_FAILED with *cause. input is what the request was
 * serialized from (NULL: an empty input); like botocore's request
 * context it tells S3's list operations whether the url encoding of keys
 * was the caller's choice (kept) or the serializer's (decoded). */
int aws_protocol_parse(const struct aws_operation *op,
    const struct cJSON *input, const struct aws_response *resp,
    struct cJSON **output, struct aws_error *err, char **cause);

/* Tell whether a response is an error (status >= 300, or S3's 200 with
 * an <Error> document). */
bool aws_protocol_is_error(const struct aws_operation *op,
    const struct aws_response *resp);
/* The error code of a response for the retry loop's classifier: NULL
 * when the response is not an error; else the code ("Throttling",
 * "RequestTimeout"...) or, when the body has none, the HTTP status as
 * text, as botocore reports it. The caller frees it. */
char *aws_protocol_error_code(const struct aws_operation *op,
    const struct aws_response *resp);
/* The request ID of a response (headers or body), or NULL. */
char *aws_protocol_request_id(const struct aws_operation *op,
    const struct aws_response *resp);

/* The timestamp format a member uses on the wire in its place (the
 * model's timestampFormat, else the protocol's default for a body,
 * header or query string): lets the output formatter know a value came
 * as epoch seconds. */
enum aws_timestamp_format aws_protocol_timestamp_format(
    const struct aws_service *svc, const struct aws_ref *ref);

/* The base64 checksum (as in x-amz-checksum-* and Content-MD5) of a body
 * in memory (data, len) or in a file (file, offset, length; -1: to the
 * end): algorithm is CRC32, CRC32C, CRC64NVME, SHA1, SHA256, SHA512 or
 * MD5, any case. NULL with *cause. */
char *aws_protocol_checksum(const char *algorithm, const void *data,
    size_t len, const char *file, off_t offset, off_t length, char **cause);

/* Server: the operation a received request is for (rest: method and
 * requestUri template with labels, greedy labels and required query
 * literals, then the required query and header members present, then
 * the fewest unknown query names, most specific first; query: Action;
 * json: X-Amz-Target); NULL with *cause when none matches. */
const struct aws_operation *aws_protocol_find_operation(
    const struct aws_service *svc, const struct aws_request *req,
    char **cause);
/* Server: decode a request into the operation's input. req->path is the
 * wire path (percent-encoded); req->query holds decoded pairs; req->host,
 * when set, gives the hostLabel members of a hostPrefix. A body in a
 * file (AWS_BODY_FILE) stays there for a streaming member. */
int aws_protocol_decode_request(const struct aws_operation *op,
    const struct aws_request *req, struct cJSON **input, char **cause);
/* Server: encode an operation's output (NULL: empty) into resp: status,
 * headers (Content-Type, x-amzn-RequestId / x-amz-request-id) and body. */
int aws_protocol_encode_response(const struct aws_operation *op,
    const struct cJSON *output, const char *request_id,
    struct aws_response *resp, char **cause);
/* Server: encode an error in the service's format. err->shape, when set,
 * gives the status and lets err->fields add modeled members; without a
 * shape, the string members of err->fields are added as elements of an
 * XML error (S3's <BucketName>, <Key>, <Condition>...). */
int aws_protocol_encode_error(const struct aws_service *svc,
    const struct aws_error *err, struct aws_response *resp, char **cause);

/* Values: the helpers behind the conventions above, for the CLI argument
 * converter and the output formatter. */

/* A point in time: seconds since the epoch, microseconds, and the UTC
 * offset (minutes) it was written with. */
struct aws_time {
	int64_t sec;
	int32_t usec;
	int32_t offset_min;
};

/* Parse a timestamp as botocore does: epoch seconds (fractions and
 * exponents allowed), ISO 8601 (extended or basic, any offset, date
 * only), RFC 822/1123, RFC 850, asctime; years 1-9999. 0 or -1. */
int aws_time_parse(const char *s, struct aws_time *t);
/* A cJSON timestamp (number of epoch seconds, or text as above). */
int aws_time_from_json(const struct cJSON *v, struct aws_time *t);
/* Append t in a wire format (ISO8601: UTC, "Z", microseconds only when
 * there are some; RFC822: GMT; UNIX: whole seconds). */
void aws_time_format(struct hs_buf *out, const struct aws_time *t,
    enum aws_timestamp_format fmt);
/* Append the output form: 2019-12-16T23:48:18[.ffffff]+00:00. */
void aws_time_format_output(struct hs_buf *out, const struct aws_time *t);
/* Append a double as Python's repr() (and so the AWS CLI) writes it:
 * "1.0", "1.1", "1e+16", "1e-05", "NaN", "Infinity", "-Infinity". */
void aws_format_double(struct hs_buf *out, double v);
/* Append an integer value exactly (a cJSON number or a raw number); -1
 * if v is not an integer. */
int aws_format_integer(struct hs_buf *out, const struct cJSON *v);
/* Append base64 of data (standard alphabet, padded): blob values. */
void aws_base64_encode(struct hs_buf *out, const void *data, size_t len);
/* Decode base64, ignoring whitespace; -1 if it is not base64. */
int aws_base64_decode(struct hs_buf *out, const char *s, size_t len);
/* Tell whether s is valid base64 (whitespace allowed). */
bool aws_base64_valid(const char *s);
/* Parse JSON text (RFC 8259, depth-limited); integers beyond 2^53
 * become raw numbers, so longs keep every digit. NULL with *cause. */
struct cJSON *aws_json_parse(const char *text, size_t len, char **cause);
/* Append compact JSON, integers exactly, other numbers as Python does. */
void aws_json_write_value(struct hs_buf *out, const struct cJSON *v);

#endif
