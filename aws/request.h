/*
 * request.h: the HTTP request and response that travel through aws/.
 *
 * One struct for every step: a protocol serializer (aws/protocol-*.c) fills
 * an aws_request from an operation's input, the endpoint resolver sets
 * where it goes, the signer (aws/sigv4.c) adds the signature headers or
 * query, and the HTTP client (aws/http.c) sends it and fills an
 * aws_response, which the protocol parser turns into output. The sandbox
 * runs the same structs the other way: the server fills an aws_request
 * from what it received, and encodes its answer into an aws_response.
 *
 * Ownership: every string in these structs belongs to the struct and is
 * freed by aws_request_clear() / aws_response_clear(); setters copy their
 * arguments. Header names compare case-insensitively; query names
 * case-sensitively.
 */
#ifndef HS_AWS_REQUEST_H
#define HS_AWS_REQUEST_H

#include "hs-common.h"

/* A name and a value, both owned, both NUL-terminated. */
struct aws_kv {
	char *name;
	char *value;
};

/* An ordered list of name/value pairs: headers or query parameters. */
struct aws_kvlist {
	struct aws_kv *items;
	size_t n;
	size_t alloc;
};

#define AWS_KVLIST_INIT { NULL, 0, 0 }

/* Append a pair (repeated names are allowed). */
void aws_kvlist_add(struct aws_kvlist *l, const char *name, const char *value);
/* Replace every pair named name (case-insensitively) by one pair. */
void aws_kvlist_set(struct aws_kvlist *l, const char *name, const char *value);
/* The first value named name (case-insensitively), or NULL. */
const char *aws_kvlist_get(const struct aws_kvlist *l, const char *name);
/* The first value named exactly name (case-sensitively), or NULL. */
const char *aws_kvlist_get_exact(const struct aws_kvlist *l, const char *name);
/* Remove every pair named name (case-insensitively). */
void aws_kvlist_del(struct aws_kvlist *l, const char *name);
/* Free every pair; the list is left empty and usable. */
void aws_kvlist_clear(struct aws_kvlist *l);
/* Wipe secret values too (Authorization, tokens) before freeing. */
void aws_kvlist_cleanse(struct aws_kvlist *l);

/* Where a request's body comes from, or where a response's body goes. */
enum aws_body_kind {
	AWS_BODY_NONE,		/* no body */
	AWS_BODY_MEMORY,	/* body.buf / body.len */
	AWS_BODY_FILE,		/* streamed from / to body_file, never read whole */
};

struct aws_request {
	char *method;		/* "GET", "PUT", ... */
	char *scheme;		/* "https" or "http" */
	char *host;		/* host name as in the Host header, no port */
	int port;		/* 0: the scheme's default */
	char *path;		/* as sent on the wire: percent-encoded, starts with '/' */
	struct aws_kvlist query;	/* decoded names and values, in order */
	struct aws_kvlist headers;	/* as sent; Host is added by the signer */

	enum aws_body_kind body_kind;
	struct hs_buf body;	/* AWS_BODY_MEMORY */
	char *body_file;	/* AWS_BODY_FILE: path of the file to stream */
	off_t body_file_offset;	/* first byte to send (multipart parts) */
	off_t body_file_length;	/* bytes to send; -1: to the end of the file */

	/* What the signer needs, set by the endpoint resolver. */
	char *signing_service;	/* e.g. "s3", "iam", "execute-api" */
	char *signing_region;	/* e.g. "us-east-1" */

	/* For reports and the audit log: who asked for this request. */
	char *service_id;	/* model's service name, e.g. "s3" */
	char *operation;	/* model's operation name, e.g. "PutObject" */
};

#define AWS_REQUEST_INIT { NULL, NULL, NULL, 0, NULL, AWS_KVLIST_INIT, \
	AWS_KVLIST_INIT, AWS_BODY_NONE, HS_BUF_INIT, NULL, 0, -1, NULL, NULL, \
	NULL, NULL }

struct aws_response {
	int status;			/* HTTP status, 0 before any answer */
	struct aws_kvlist headers;	/* as received */
	enum aws_body_kind body_kind;	/* MEMORY unless the caller asked for FILE */
	struct hs_buf body;		/* AWS_BODY_MEMORY */
	char *body_file;		/* AWS_BODY_FILE: the body was written here */
	off_t body_length;		/* bytes received (either kind) */
	char *request_id;		/* x-amzn-RequestId / x-amz-request-id, or NULL */
};

#define AWS_RESPONSE_INIT { 0, AWS_KVLIST_INIT, AWS_BODY_MEMORY, HS_BUF_INIT, \
	NULL, 0, NULL }

void aws_request_init(struct aws_request *r);
/* Free everything in the request; it is left initialised. */
void aws_request_clear(struct aws_request *r);
void aws_request_set_method(struct aws_request *r, const char *method);
void aws_request_set_path(struct aws_request *r, const char *path);
/* Set scheme, host, port and any base path from a URL ("https://h:1/p"). */
int aws_request_set_endpoint(struct aws_request *r, const char *url,
    char **cause);
/* Set a memory body (copied); replaces any earlier body. */
void aws_request_set_body(struct aws_request *r, const void *data, size_t len);
/* Stream the body from a file: offset and length (-1: to the end). */
void aws_request_set_body_file(struct aws_request *r, const char *path,
    off_t offset, off_t length);
/* The URL of the request: scheme://host[:port]path?query (query encoded). */
char *aws_request_url(const struct aws_request *r);

void aws_response_init(struct aws_response *resp);
void aws_response_clear(struct aws_response *resp);

/* Percent-encode s as SigV4 and S3 do: unreserved characters stay, every
 * other byte becomes %XX (upper case); '/' stays when keep_slash. */
void aws_uri_encode(struct hs_buf *out, const char *s, size_t len,
    bool keep_slash);
/* Decode %XX sequences (and '+' as space when plus_is_space); -1 on a
 * malformed escape. The result may contain NUL bytes: out->len counts. */
int aws_uri_decode(struct hs_buf *out, const char *s, size_t len,
    bool plus_is_space);

#endif
