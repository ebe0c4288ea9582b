/*
 * sigv4-int.h: what the sigv4-*.c files share; not for other modules.
 *
 * The signer and the verifier build the canonical request with the same
 * functions, so that what one signs the other checks.
 */
#ifndef HS_AWS_SIGV4_INT_H
#define HS_AWS_SIGV4_INT_H

#include "hs-common.h"
#include "sigv4.h"

#define SIGV4_SHA256_LEN 32
#define SIGV4_HEX_LEN 64
#define SIGV4_TIME_LEN 16	/* "20150830T123600Z" */
#define SIGV4_DATE_LEN 8	/* "20150830" */

/* sigv4-canon.c */
/* Tell whether a service uses the S3 rules (path as-is, content sha256). */
bool sigv4_is_s3(const char *service);
/* Tell whether botocore never signs this header (lower-case name). */
bool sigv4_header_unsignable(const char *lname);
/* Remove dot and empty segments as botocore's remove_dot_segments. */
void sigv4_normalize_path(struct hs_buf *out, const char *path);
/* Append the canonical URI of a wire path. */
void sigv4_canonical_uri(struct hs_buf *out, const char *path, bool s3,
    bool normalize);
/* Append the canonical query string of decoded pairs. */
void sigv4_canonical_query(struct hs_buf *out, const struct aws_kvlist *q);
/* Append one header value trimmed, inner white space collapsed. */
void sigv4_trim_value(struct hs_buf *out, const char *value);
/* List the signable header names of r: lower-case, sorted, ';'-joined. */
void sigv4_signable_headers(struct hs_buf *out, const struct aws_kvlist *h,
    bool add_host);
/*
 * Append the canonical headers for a ';'-joined list of names; -1 when a
 * listed header is absent from h (host_value stands in for a missing Host).
 */
int sigv4_canonical_headers(struct hs_buf *out, const struct aws_kvlist *h,
    const char *signed_headers, const char *host_value);
/* Assemble method, URI, query, headers, signed headers and payload. */
int sigv4_canonical_request(struct hs_buf *out, const struct aws_request *r,
    bool s3, bool normalize, const char *signed_headers,
    const char *host_value, const char *payload);
/* The value of the Host header that r would send: host[:port]. */
char *sigv4_host_value(const struct aws_request *r);

/* sigv4-crypto.c */
/* Write the lower-case hex of n bytes into out (2n+1 bytes). */
void sigv4_hex(char *out, const unsigned char *in, size_t n);
/* Hex SHA-256 of a buffer into out (SIGV4_HEX_LEN + 1 bytes). */
void sigv4_sha256_hex(char *out, const void *data, size_t len);
/* Hex SHA-256 of r's body, streaming a file body; -1 with *cause. */
int sigv4_payload_hash(char *out, const struct aws_request *r, char **cause);
/* Derive (or find in cache) the signing key for a date/region/service. */
void sigv4_signing_key(unsigned char key[SIGV4_SHA256_LEN],
    struct sigv4_key_cache *cache, const struct aws_credentials *c,
    const char *date, const char *region, const char *service);
/* Hex HMAC-SHA256 of the string to sign with a signing key. */
void sigv4_signature(char out[SIGV4_HEX_LEN + 1],
    const unsigned char key[SIGV4_SHA256_LEN], const char *string_to_sign);
/* Format a time as "YYYYMMDDTHHMMSSZ"; -1 if it cannot be broken down. */
int sigv4_format_time(char out[SIGV4_TIME_LEN + 1], time_t t);
/* Parse "YYYYMMDDTHHMMSSZ"; -1 when malformed. */
int sigv4_parse_time(const char *s, time_t *out);
/* Append the string to sign. */
void sigv4_string_to_sign(struct hs_buf *out, const char *amz_time,
    const char *scope, const char *canonical_request);

/* sigv4-chunked.c */
/* The three aws-chunked payloads (X-Amz-Content-SHA256 STREAMING-*). */
enum sigv4_chunked_mode {
	SIGV4_CHUNKED_UNSIGNED_TRAILER,	/* STREAMING-UNSIGNED-PAYLOAD-TRAILER */
	SIGV4_CHUNKED_SIGNED,		/* STREAMING-AWS4-HMAC-SHA256-PAYLOAD */
	SIGV4_CHUNKED_SIGNED_TRAILER,	/* ...-PAYLOAD-TRAILER */
};
/* Start a decoder: the signing key (copied), X-Amz-Date, the scope,
 * the seed signature (signed modes), X-Amz-Decoded-Content-Length and
 * X-Amz-Trailer (or NULL). */
struct sigv4_chunked *sigv4_chunked_new(enum sigv4_chunked_mode mode,
    const unsigned char key[SIGV4_SHA256_LEN], const char *amz_date,
    const char *scope, const char *seed, uint64_t decoded_length,
    const char *declared_trailers);
/* Wipe the key and free a decoder (NULL is fine). */
void sigv4_chunked_free(struct sigv4_chunked *d);

/* sigv4-errors.c */
/* The HTTP status AWS answers for a status in a family. */
int sigv4_error_http_status(enum sigv4_family family, enum sigv4_status st);

#endif
