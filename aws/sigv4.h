/*
 * sigv4.h: AWS Signature Version 4, both ways.
 *
 * The client side signs an aws_request in place: sigv4_sign() adds Host,
 * X-Amz-Date, X-Amz-Security-Token, X-Amz-Content-SHA256 (S3) and
 * Authorization, or, with SIGV4_PRESIGN, the X-Amz-* query parameters of
 * a presigned URL. The server side (the sandbox) checks a received
 * aws_request with sigv4_verify() and gets back the AWS error code that
 * the real service would answer. Both sides share one canonicalisation.
 *
 * Rules (botocore 1.43 and the AWS SigV4 test suite):
 * - Canonical URI: for every service but S3 the path is normalised (dot
 *   and empty segments removed) and percent-encoded again, so "%20" is
 *   signed as "%2520". For S3 ("s3" signing name) the path is used as
 *   sent: encoded once by the caller, never normalised.
 * - Canonical query: every name and value of r->query (decoded) is
 *   encoded (unreserved characters stay), pairs sorted by name then
 *   value; a name without a value signs as "name=".
 * - Signed headers: every header but Authorization and the hop-by-hop
 *   ones botocore never signs (connection, expect, keep-alive,
 *   proxy-authenticate, proxy-authorization, te, trailer,
 *   transfer-encoding, upgrade, user-agent, x-amzn-trace-id). Names are
 *   lower-cased and sorted, values trimmed with inner runs of white space
 *   collapsed, repeated headers joined with ',' in order. A header the
 *   HTTP client adds after signing (Content-Length, Accept...) is simply
 *   not signed, which AWS accepts.
 * - Payload: hex SHA-256 of the body. A file body (AWS_BODY_FILE) is
 *   streamed from body_file_offset for body_file_length bytes, never read
 *   whole. UNSIGNED-PAYLOAD on request. S3 always gets
 *   X-Amz-Content-SHA256; an S3 presigned URL always signs
 *   UNSIGNED-PAYLOAD. A caller-set X-Amz-Content-SHA256 header (non-S3)
 *   is used as the payload line as-is, as botocore does. The verifier
 *   also takes S3's aws-chunked forms (STREAMING-*, signed with the
 *   literal value as the payload line; sigv4_chunked_feed()).
 *
 * Time is a parameter everywhere. Secrets never stay in memory longer
 * than needed: derived keys, the "AWS4"+secret buffer and every
 * intermediate HMAC are wiped with OPENSSL_cleanse; the key cache wipes
 * its keys when freed and when an entry is replaced.
 *
 * Ownership: arguments are borrowed. sigv4_sign() changes only the
 * request it is given (headers or query). Strings in a sigv4_trace or a
 * sigv4_verify_result belong to that struct and are wiped and freed by
 * sigv4_trace_clear() / sigv4_verify_result_clear(); the credentials in a
 * verify result are one reference that _clear() releases. Returned
 * char * (sigv4_redact_*) belong to the caller. Errors come back through
 * char **cause (caller frees); nothing here prints. A key cache is not
 * thread-safe: use one per thread.
 */
#ifndef HS_AWS_SIGV4_H
#define HS_AWS_SIGV4_H

#include "hs-common.h"
#include "credentials.h"
#include "request.h"

#define SIGV4_ALGORITHM "AWS4-HMAC-SHA256"
#define SIGV4_PAYLOAD_UNSIGNED "UNSIGNED-PAYLOAD"
/* Hex SHA-256 of the empty string: the payload line of a bodiless request. */
#define SIGV4_EMPTY_SHA256 \
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
/* Longest X-Amz-Expires that AWS accepts: seven days. */
#define SIGV4_MAX_EXPIRES 604800L
/* Largest difference between the request time and the server's clock. */
#define SIGV4_MAX_SKEW 900

enum sigv4_flags {
	SIGV4_PRESIGN = 1 << 0,		/* sign in the query string (presigned URL) */
	SIGV4_UNSIGNED_PAYLOAD = 1 << 1, /* sign UNSIGNED-PAYLOAD, not the body hash */
	SIGV4_CONTENT_SHA256 = 1 << 2,	/* add and sign X-Amz-Content-SHA256 (implied for S3) */
	SIGV4_NO_NORMALIZE = 1 << 3,	/* keep dot and empty path segments, still encode (aws-c-auth's normalize_path=false) */
	SIGV4_TOKEN_AFTER = 1 << 4,	/* add X-Amz-Security-Token after signing: it is not signed */
};

/* A small cache of derived signing keys, per key, date, region, service. */
struct sigv4_key_cache;
/* An aws-chunked body being decoded (sigv4_chunked_feed()). */
struct sigv4_chunked;

/* How to sign. */
struct sigv4_params {
	struct aws_credentials *credentials; /* borrowed; the token, if any, is sent */
	const char *region;	/* NULL: r->signing_region */
	const char *service;	/* NULL: r->signing_service ("s3" selects S3 rules) */
	time_t now;		/* the signing time (UTC), a parameter so tests fix it */
	unsigned flags;		/* enum sigv4_flags */
	long expires;		/* SIGV4_PRESIGN: X-Amz-Expires, 1..SIGV4_MAX_EXPIRES */
	struct sigv4_key_cache *cache;	/* NULL: derive the key every time */
};

/*
 * What signing computed, for the test vectors and for --debug. The
 * canonical request holds the session token when it is signed, and the
 * signature lets anyone replay the request until it expires: treat every
 * field as a secret (never log it unredacted).
 */
struct sigv4_trace {
	char *canonical_request;
	char *string_to_sign;
	char *signature;	/* lower-case hex */
	char *authorization;	/* the Authorization value; NULL when presigning */
};

#define SIGV4_TRACE_INIT { NULL, NULL, NULL, NULL }

/* Create an empty signing-key cache. */
struct sigv4_key_cache *sigv4_key_cache_new(void);
/* Wipe every cached key and free the cache (NULL is fine). */
void sigv4_key_cache_free(struct sigv4_key_cache *cache);

/*
 * Sign r in place. Header form: sets Host (when absent), X-Amz-Date,
 * X-Amz-Security-Token (when the credentials have one), for S3 (or
 * SIGV4_CONTENT_SHA256) X-Amz-Content-SHA256, then Authorization; any
 * earlier Authorization is replaced. SIGV4_PRESIGN: adds X-Amz-Algorithm,
 * X-Amz-Credential, X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders,
 * X-Amz-Security-Token and last X-Amz-Signature to r->query (earlier ones
 * are replaced). trace may be NULL. Returns 0, or -1 with *cause (missing
 * credentials, region or service; unreadable body file; bad expiry).
 */
int sigv4_sign(struct aws_request *r, const struct sigv4_params *p,
    struct sigv4_trace *trace, char **cause);
/* Wipe and free the strings of a trace; it is left empty. */
void sigv4_trace_clear(struct sigv4_trace *trace);

/* Which error vocabulary the service speaks. */
enum sigv4_family {
	SIGV4_FAMILY_S3,	/* S3: AccessDenied, SignatureDoesNotMatch, ... */
	SIGV4_FAMILY_QUERY,	/* query protocol (IAM, STS): MissingAuthenticationToken, ... */
	SIGV4_FAMILY_JSON,	/* JSON and REST-JSON (Lambda, ECR, Logs): ...Exception */
};

/* Why a request was refused; each has its own AWS error code. */
enum sigv4_status {
	SIGV4_OK = 0,
	SIGV4_ERR_MISSING,	/* no Authorization header, no X-Amz-Signature */
	SIGV4_ERR_MALFORMED,	/* unparsable or incomplete authorization */
	SIGV4_ERR_SCOPE,	/* credential scope: wrong region or service */
	SIGV4_ERR_UNKNOWN_KEY,	/* the access key ID is not known */
	SIGV4_ERR_SIGNATURE,	/* signature does not match */
	SIGV4_ERR_EXPIRED,	/* presigned URL past X-Amz-Expires */
	SIGV4_ERR_SKEW,		/* request time more than SIGV4_MAX_SKEW away */
	SIGV4_ERR_TOKEN,	/* session token missing, unexpected or wrong */
	SIGV4_ERR_TOKEN_EXPIRED, /* temporary credentials have expired */
	SIGV4_ERR_UNSIGNED_HEADERS, /* S3: an x-amz-* header is not signed */
	SIGV4_ERR_PAYLOAD,	/* body does not match X-Amz-Content-SHA256 */
	/* aws-chunked bodies (S3 streaming uploads); S3's codes everywhere. */
	SIGV4_ERR_LENGTH_REQUIRED, /* no X-Amz-Decoded-Content-Length */
	SIGV4_ERR_BODY_INCOMPLETE, /* chunk framing broken, truncated or too long */
	SIGV4_ERR_CHUNK_SIZE,	/* a signed chunk under 8 KiB that is not the last */
	SIGV4_ERR_TRAILER,	/* trailing headers malformed or not as declared */
};

/*
 * Find the credentials of an access key ID for the verifier: return 0 and
 * set *out to a new reference (the verifier releases it), 0 with *out
 * NULL when the key is unknown, or -1 with *cause on an internal error.
 */
typedef int (*sigv4_lookup_fn)(void *arg, const char *access_key_id,
    struct aws_credentials **out, char **cause);

/* What the verifier checks against. */
struct sigv4_verify_params {
	enum sigv4_family family;
	const char *region;	/* expected scope region; NULL: any */
	const char *service;	/* expected scope service; NULL: any */
	time_t now;		/* the server's clock */
	sigv4_lookup_fn lookup;
	void *lookup_arg;
	struct sigv4_key_cache *cache;	/* may be NULL */
};

/* The verifier's answer: SIGV4_OK, or the error to send back. */
struct sigv4_verify_result {
	enum sigv4_status status;
	int http_status;	/* 403 or 400 when status != SIGV4_OK */
	const char *code;	/* static AWS error code, NULL when OK */
	char *message;		/* AWS-style message, NULL when OK */
	struct aws_credentials *credentials; /* SIGV4_OK: the signer's (one reference) */
	char *access_key_id;	/* from the request, when it could be read */
	char *region;		/* credential scope region, when read */
	char *service;		/* credential scope service, when read */
	bool presigned;		/* query-string form */
	time_t request_time;	/* X-Amz-Date, when read */
	char *canonical_request; /* SIGV4_ERR_SIGNATURE: what the server signed (S3 returns it) */
	char *string_to_sign;	/* SIGV4_ERR_SIGNATURE: likewise (a chunk's, for a chunk) */
	/*
	 * SIGV4_OK with an aws-chunked payload (X-Amz-Content-SHA256
	 * STREAMING-*): the headers are verified but the body is NOT yet.
	 * The caller must pass the whole received body through
	 * sigv4_chunked_feed() and sigv4_chunked_finish(), and refuse the
	 * request unless both return 0.
	 */
	struct sigv4_chunked *chunked;
	unsigned long chunk_number;	/* SIGV4_ERR_CHUNK_SIZE: the chunk (1-based) */
	uint64_t chunk_size;	/* SIGV4_ERR_CHUNK_SIZE: the small chunk's size */
};

#define SIGV4_VERIFY_RESULT_INIT { SIGV4_OK, 0, NULL, NULL, NULL, NULL, NULL, \
	NULL, false, 0, NULL, NULL, NULL, 0, 0 }

/*
 * Verify the signature of a received request, in either form. S3 checks
 * the body against the signed X-Amz-Content-SHA256 (UNSIGNED-PAYLOAD
 * skips it, as S3 does; an aws-chunked STREAMING-* body is left to the
 * decoder in out->chunked, see below); every other service signs the hash of the body
 * actually received - a declared hash is not trusted there, or a
 * captured IAM request could have its body replaced. Returns 0
 * with out->status telling the verdict (SIGV4_OK or why not), or -1 with
 * *cause when the check itself failed (lookup error, unreadable body).
 * out must be initialised (SIGV4_VERIFY_RESULT_INIT) or cleared; it is
 * cleared first.
 */
int sigv4_verify(const struct aws_request *r,
    const struct sigv4_verify_params *p, struct sigv4_verify_result *out,
    char **cause);
/* Wipe and free a verify result; it is left empty. */
void sigv4_verify_result_clear(struct sigv4_verify_result *res);

/*
 * aws-chunked request bodies (S3 "streaming" uploads), decoded and
 * checked after sigv4_verify() accepted the headers (res->chunked set):
 * - STREAMING-AWS4-HMAC-SHA256-PAYLOAD: "SIZE;chunk-signature=SIG" CRLF
 *   DATA CRLF ... ending with a zero-size chunk; each chunk's signature
 *   is chained from the seed (the Authorization signature) over the
 *   string to sign "AWS4-HMAC-SHA256-PAYLOAD\n" DATE "\n" SCOPE "\n"
 *   PREVIOUS-SIGNATURE "\n" SHA256("") "\n" SHA256(DATA). A wrong one is
 *   SignatureDoesNotMatch. Every chunk but the last holds 8 KiB or more
 *   (InvalidChunkSizeError), as S3 requires.
 * - ...-PAYLOAD-TRAILER: the same, then trailing headers after the
 *   zero-size chunk and "x-amz-trailer-signature:SIG", signed over
 *   "AWS4-HMAC-SHA256-TRAILER\n" DATE "\n" SCOPE "\n" LAST-CHUNK-SIGNATURE
 *   "\n" SHA256("name:value\n"...).
 * - STREAMING-UNSIGNED-PAYLOAD-TRAILER: unsigned chunks, then trailing
 *   headers (what botocore 1.36+ sends over HTTPS).
 * The trailing headers must be the ones X-Amz-Trailer declares, and only
 * x-amz-checksum-* (MalformedTrailerError); checking the checksum itself
 * is the caller's business (it knows the stored bytes). The decoded
 * length must equal X-Amz-Decoded-Content-Length (IncompleteBody).
 *
 * Feed the received body in pieces of any size; the decoded payload goes
 * to out(arg, data, len), which returns 0 or -1 to stop. Decoded bytes
 * are handed over before their chunk's signature is checked: keep them
 * until sigv4_chunked_finish() returns 0. Both return 0 while the body
 * is fine, and -1 when it was refused (res->status, code, http_status
 * and message tell why, as sigv4_verify() does) or when out failed
 * (res->status still SIGV4_OK).
 */
typedef int (*sigv4_chunk_out_fn)(void *arg, const void *data, size_t len);
int sigv4_chunked_feed(struct sigv4_verify_result *res, const void *data,
    size_t len, sigv4_chunk_out_fn out, void *arg);
int sigv4_chunked_finish(struct sigv4_verify_result *res);
/* The trailing headers of a finished body (borrowed from res). */
const struct aws_kvlist *sigv4_chunked_trailers(
    const struct sigv4_verify_result *res);
/* The AWS error code of a status in a family ("SignatureDoesNotMatch"). */
const char *sigv4_error_code(enum sigv4_family family, enum sigv4_status st);

/*
 * Redact a header value for logs and --dry-run: Authorization keeps its
 * Credential and SignedHeaders but shows Signature=REDACTED;
 * X-Amz-Security-Token becomes REDACTED; others are copied.
 */
char *sigv4_redact_header(const char *name, const char *value);
/* Redact X-Amz-Signature and X-Amz-Security-Token values in a URL. */
char *sigv4_redact_url(const char *url);

#endif
