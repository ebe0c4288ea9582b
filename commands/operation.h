/*
 * operation.h: the generic model operation - "SERVICE OPERATION --params"
 * for every operation of every installed botocore model - and the parts it
 * is made of, shared by the files of commands/ that build it:
 *
 *   shorthand*.c   the AWS CLI's shorthand syntax (Key=Value,List=[a,b])
 *   paramfile.c    file:// and fileb:// values
 *   params-*.c     an operation's CLI arguments (with the AWS CLI's own
 *                  renames and customizations), argv -> input (cJSON),
 *                  the checks made before anything is sent, skeletons
 *   paginate*.c    automatic pagination from paginators-1.json
 *   output*.c      what the AWS CLI prints (JSON now; text/table later)
 *   help*.c        `SERVICE help`, `SERVICE OPERATION help`
 *   dryrun.c       --dry-run: the signed requests, secrets redacted
 *   operation*.c   the command itself: config, credentials, endpoint,
 *                  signing, sending, parsing, errors
 *
 * The parts below "operation*.c" know nothing of the shell: they return
 * 0, or -1 with a message through char **cause (the caller frees it), and
 * never print. Values in cJSON follow aws/protocol.h's conventions (blobs
 * as base64 text, a streaming body as {"file": PATH}, timestamps as text).
 *
 * Ownership: returned cJSON trees and strings belong to the caller;
 * arguments are borrowed; structs are freed by their _clear().
 */
#ifndef HS_OPERATION_H
#define HS_OPERATION_H

#include "hs-common.h"
#include "aws/config.h"
#include "aws/creds.h"
#include "aws/endpoint.h"
#include "aws/http.h"
#include "aws/model.h"
#include "aws/protocol.h"
#include "aws/sigv4.h"

#include <signal.h>

struct cJSON;

/* ---- shorthand.c, shorthand-fit.c: the shorthand syntax --------------- */

/*
 * Parse shorthand syntax as awscli/shorthand.py's ShorthandParser does:
 * "A=b,C=d,e,F=[g,h],I={J=k}" gives {"A": "b", "C": ["d", "e"], "F":
 * ["g", "h"], "I": {"J": "k"}} - objects, lists and strings only. NULL
 * with *cause ("Expected: '=', received: 'EOF' for input: ...").
 */
struct cJSON *hs_shorthand_parse(const char *text, char **cause);
/*
 * Fit a parsed shorthand value to a shape as the CLI's BackCompatVisitor
 * does: numbers and booleans from their text, a single value where a list
 * is wanted. Text that is not a number is refused here (*cause names
 * the member by its path from name, "Tags[0].Count"); other mismatches
 * are left for validation.
 */
int hs_shorthand_fit(struct cJSON **value, const struct aws_ref *ref,
    const char *name, char **cause);
/* Read an integer as Python's int() does (white space, a sign, digits
 * with single underscores); a raw number beyond 2^53; NULL if not one. */
struct cJSON *hs_py_int(const char *s);
/* Read a float as Python's float() does ("1.5", "1e3", "nan", "-inf");
 * NaN and the infinities are the strings protocol.h uses; NULL if not. */
struct cJSON *hs_py_float(const char *s);
/* Tell whether an argument of this shape takes shorthand syntax (a
 * structure, a map, or a list of those; no documents). */
bool hs_shorthand_supported(const struct aws_shape *shape);
/* Append the shorthand example the CLI documents for an argument
 * ("Key=string,Value=string ..."), without the top-level member skip
 * (lambda's --code has no ZipFile) unless NULL; false when there is none. */
bool hs_shorthand_example(struct hs_buf *out, const struct aws_shape *shape,
    const char *skip);

/* ---- paramfile.c: file:// and fileb:// -------------------------------- */

enum hs_paramfile_kind {
	HS_PARAMFILE_NONE,	/* not a file reference: use the value itself */
	HS_PARAMFILE_TEXT,	/* file://: the file's text (valid UTF-8) */
	HS_PARAMFILE_BINARY,	/* fileb://: the file's bytes */
};

/*
 * If value starts with file:// or fileb://, read the file it names ("~"
 * and $VAR expanded, as the CLI does) into out and say which; otherwise
 * HS_PARAMFILE_NONE and out is untouched. -1 with *cause when the file
 * cannot be read or file:// text is not UTF-8.
 */
int hs_paramfile_load(const char *value, struct hs_buf *out, char **cause);
/* Expand a leading "~" or "~user", then $VAR and ${VAR} (unset ones are
 * left as written): Python's os.path.expandvars(expanduser(path)). */
char *hs_paramfile_expand(const char *path);
/* Tell whether data is a zip archive (it has an end-of-central-directory
 * record), as lambda's --zip-file requires. */
bool hs_paramfile_is_zip(const void *data, size_t len);

/* ---- params-custom.c: the CLI's own changes, as data ------------------ */

/* The CLI's new name for argument arg of cmd op ("reboot"), or NULL. */
const char *hs_params_renamed(const char *cmd, const char *op,
    const char *arg);
/* The hidden second name the CLI gives an argument, or NULL. */
const char *hs_params_alias(const char *cmd, const char *op, const char *arg);
/* Tell whether the CLI removes an operation ("ses verify-email-address"). */
bool hs_operation_removed(const char *cmd, const char *op);
/* Tell whether an argument keeps the old "--instances i-1 i-2" shorthand
 * for a list of one-member structures. */
bool hs_params_old_list_case(const char *cmd, const char *op,
    const char *arg);
/* The input member whose ZipFile the CLI moves to --zip-file ("Code" for
 * lambda create-function), or NULL. */
const char *hs_params_zip_parent(const char *cmd, const char *op);

/* ---- params-table.c: the arguments of an operation -------------------- */

enum hs_param_kind {
	HS_PARAM_MEMBER,	/* an input member: --role-name */
	HS_PARAM_NO_FLAG,	/* --no-NAME: a boolean member set to false */
	HS_PARAM_OUTFILE,	/* positional: where a streaming output goes */
	HS_PARAM_ZIP_FILE,	/* lambda --zip-file: ZipFile in the member */
	HS_PARAM_ZIP_PARENT,	/* lambda --code: that member without ZipFile */
	HS_PARAM_CLI_INPUT_JSON,	/* --cli-input-json */
	HS_PARAM_SKELETON,	/* --generate-cli-skeleton [input|output] */
	HS_PARAM_STARTING_TOKEN,	/* --starting-token (paginated) */
	HS_PARAM_PAGE_SIZE,	/* --page-size (a paginator with a limit key) */
	HS_PARAM_MAX_ITEMS,	/* --max-items (paginated) */
};

/* How many words an argument takes. */
enum hs_param_arity {
	HS_ARITY_ONE,		/* --x VALUE (or --x=VALUE) */
	HS_ARITY_FLAG,		/* --x */
	HS_ARITY_LIST,		/* --x [VALUE...] (nargs '*') */
	HS_ARITY_OPTIONAL,	/* --x [VALUE] (nargs '?') */
	HS_ARITY_POSITIONAL,	/* VALUE, without an option name */
};

struct hs_param {
	char *name;		/* without "--": "role-name", "outfile" */
	enum hs_param_kind kind;
	enum hs_param_arity arity;
	/* MEMBER, NO_FLAG, ZIP_FILE, ZIP_PARENT: the input member; MAX_ITEMS:
	 * the member of the same name it shadows while paginating, or NULL */
	const struct aws_member *member;
	const char *type_name;	/* for help: "string", "list", "boolean"... */
	bool required;		/* the CLI requires it */
	bool hidden;		/* not documented (an alias, a paginator's own
				 * tokens), but accepted */
};

struct hs_param_table {
	const struct aws_operation *op;
	const char *cmd;	/* the service's command name: "s3api" */
	struct hs_param *v;	/* in the order help lists them */
	size_t n;
	size_t alloc;
	bool has_outfile;	/* a streaming output: no --cli-input-json, no
				 * --generate-cli-skeleton */
};

/* Build the arguments of an operation, with the CLI's customizations. */
void hs_param_table_build(const struct aws_operation *op,
    struct hs_param_table *t);
void hs_param_table_clear(struct hs_param_table *t);
/* Find an argument by name (without "--"; len bytes of name), or NULL. */
const struct hs_param *hs_param_table_find(const struct hs_param_table *t,
    const char *name, size_t len);
/* The argument of a kind (the first one), or NULL. */
const struct hs_param *hs_param_table_kind(const struct hs_param_table *t,
    enum hs_param_kind kind);

/* ---- params-parse.c: the words of a command ---------------------------- */

/* What was given for one argument (its last use wins, as in argparse). */
struct hs_param_value {
	bool given;
	unsigned order;		/* the word index of its last use, from 1 */
	const char **words;	/* its values, borrowed from the words */
	size_t n;
};

struct hs_parsed {
	struct hs_param_value *v;	/* one per argument of the table */
	size_t n;
	bool help;		/* "help" was given */
};

/*
 * Read the words after "SERVICE OPERATION" against a table, as argparse
 * reads them for the CLI: --name VALUE or --name=VALUE, flags, lists up
 * to the next option, OUTFILE as the first positional. Refusals, with the
 * CLI's words: "argument --bucket: expected one argument", "Unknown
 * options: --buket (did you mean --bucket?)", "the following arguments
 * are required: --bucket, --key" (unless --cli-input-json or
 * --generate-cli-skeleton is given). Option names must be given in full
 * (the CLI also takes unique prefixes; a shell with guardrails should not
 * guess).
 */
int hs_params_parse(const struct hs_param_table *t, char *const *words,
    size_t n, struct hs_parsed *out, char **cause);
void hs_parsed_clear(struct hs_parsed *p);
/* The value given for the first argument of a kind, or NULL. */
const struct hs_param_value *hs_parsed_kind(const struct hs_param_table *t,
    const struct hs_parsed *p, enum hs_param_kind kind);
/* Tell whether a word reads as an option to argparse ("--x", "-x"; not
 * "-5", "-", or a word with a space). */
bool hs_params_option_like(const char *word);

/* ---- params-unpack.c, params-input.c: words -> input ------------------ */

/* How blobs given as text are read (the cli_binary_format setting). */
struct hs_input_opts {
	bool paginate;		/* false after --no-paginate */
	bool raw_blobs;		/* raw-in-base64-out: blob text is the bytes
				 * (else it is base64, the CLI v2 default) */
};

/*
 * Turn the words given for one argument (p: a MEMBER, ZIP_FILE or
 * ZIP_PARENT argument) into the value of its member, as the CLI unpacks
 * it: file:// / fileb:// first, then JSON (a value starting with '{' or
 * '['), shorthand syntax, or the scalar's text. *cause holds the CLI's
 * message ("Error parsing parameter '--tags': ...").
 */
int hs_param_unpack(const struct hs_param_table *t, const struct hs_param *p,
    const struct hs_param_value *v, const struct hs_input_opts *o,
    struct cJSON **out, char **cause);
/* Base64-encode, in place, every text blob of a value (raw-in-base64-out:
 * the text is the bytes). */
void hs_params_encode_raw_blobs(struct cJSON *v, const struct aws_ref *ref);

/* The paging the CLI does for a paginated operation. */
struct hs_paging {
	bool enabled;		/* a paginator, no --no-paginate, and no
				 * token or limit of the operation's own */
	char *starting_token;	/* --starting-token, or NULL */
	struct cJSON *page_size;	/* --page-size, typed as the limit key */
	long long max_items;	/* --max-items, or -1 */
};

enum hs_skeleton {
	HS_SKELETON_NONE,
	HS_SKELETON_INPUT,	/* --generate-cli-skeleton [input] */
	HS_SKELETON_OUTPUT,	/* --generate-cli-skeleton output */
};

/* What a command's words ask an operation for. */
struct hs_op_input {
	struct cJSON *input;	/* the operation's input (member names) */
	struct hs_paging paging;
	enum hs_skeleton skeleton;
	char *outfile;		/* OUTFILE of a streaming output, or NULL */
};

/*
 * Build an operation's input from parsed words: each argument unpacked
 * and put where the CLI puts it (--zip-file inside Code, --no-x as
 * false), then --cli-input-json's keys that the words did not set, then
 * the paging arguments. Types and values are checked later
 * (hs_params_validate); refusals here are the CLI's parse errors.
 */
int hs_params_input(const struct hs_param_table *t, const struct hs_parsed *p,
    const struct hs_input_opts *o, struct hs_op_input *out, char **cause);
void hs_op_input_clear(struct hs_op_input *in);

/* ---- params-validate.c: the checks made before anything is sent ------- */

/*
 * Check an input against its operation: botocore's checks
 * (aws_model_validate_input: required members, unknown members, types,
 * minimum lengths and values), base64 blobs, integer ranges (32 or 64
 * bits) and enum values, which the CLI leaves to the service. *cause is
 * "Parameter validation failed:" and one line per problem.
 */
int hs_params_validate(const struct aws_operation *op,
    const struct cJSON *input, char **cause);

/* ---- params-botocore.c: botocore's own request and answer changes ----- */

/* Apply botocore's request customizations (handlers.py): S3 bucket name
 * and ASCII metadata checks, SSE-C key encoding, EC2 UserData base64,
 * Route 53 ids, Glacier's account id. -1 with *cause ("Parameter
 * validation failed: ...") when the input is refused. */
int hs_botocore_input(const struct aws_operation *op, struct cJSON *input,
    char **cause);
/* Apply botocore's answer customizations: IAM policy documents and
 * CloudFormation templates as JSON, EC2 console output decoded. */
void hs_botocore_output(const struct aws_operation *op, struct cJSON *output);

/* ---- params-skeleton.c: --generate-cli-skeleton ------------------------ */

/*
 * A sample of a shape as botocore's ArgumentGenerator makes it: "" for
 * strings (an enum's first value - the CLI picks one at random), 0,
 * 0.0, true, "1970-01-01T00:00:00" for timestamps, null for blobs, one
 * list item, {"KeyName": ...} for maps, {} for a structure met again
 * inside itself. member_names: strings are their member's name, as the
 * CLI's "output" skeleton shows them.
 */
struct cJSON *hs_skeleton(const struct aws_ref *ref, bool member_names);

/* ---- paginate-expr.c: the JMESPath of paginators-1.json -------------- */

/*
 * Evaluate a paginator expression - the subset paginators-1.json uses:
 * identifiers, "a.b", "a[-1]" (any index, negative from the end) and
 * "a || b" - as JMESPath does (a missing key or index is null; "||"
 * takes its left side unless that is null, false or empty). *out is a
 * borrowed node or NULL (null). -1 with *cause on other syntax.
 */
int hs_pexpr_search(const char *expr, const struct cJSON *root,
    const struct cJSON **out, char **cause);
/* Set the value at a dotted path, making objects on the way (botocore's
 * set_value_from_jmespath); value is taken over (NULL sets a null). */
int hs_pexpr_set(struct cJSON *root, const char *expr, struct cJSON *value,
    char **cause);

/* ---- paginate-token.c: NextToken and --starting-token ----------------- */

/* The CLI's opaque token for a resume point: base64 of the JSON text
 * Python's json.dumps gives the dict (input tokens, then
 * boto_truncate_amount when not 0). The caller frees it. */
char *hs_page_token_encode(const struct cJSON *next, long long truncate);
/*
 * Read a --starting-token as botocore does: base64 JSON (with
 * boto_truncate_amount and boto_encoded_keys), else the old
 * "TOKEN___TOKEN___INDEX" form, else the text itself as the first input
 * token. *next gets every input token (null when absent). -1 with
 * *cause when it has more parts than the paginator has tokens.
 */
int hs_page_token_decode(const char *token, const struct aws_paginator *pg,
    struct cJSON **next, long long *truncate, char **cause);

/* ---- paginate.c: every page, merged ------------------------------------ */

/* Fetch one page: 0 with *output (the caller's), or a non-zero status
 * that stops paging (the caller keeps its own error). */
typedef int hs_page_fetch_fn(void *arg, const struct cJSON *input,
    struct cJSON **output);

/*
 * Page through an operation as botocore's PageIterator and
 * build_full_result do, for the CLI: the result keys of every page
 * merged (lists joined), the first page's non-aggregate keys, and with
 * --max-items a NextToken to resume from. Returns 0 with *result, a
 * fetch's status, or -1 with *cause (a bad starting token, the same
 * next token twice).
 */
int hs_paginate(const struct aws_operation *op, const struct cJSON *input,
    const struct hs_paging *paging, hs_page_fetch_fn *fetch, void *arg,
    struct cJSON **result, char **cause);

/* ---- output-json.c, output.c: what the CLI prints --------------------- */

/*
 * Append a value as Python's json.dumps writes it, typed by its shape
 * (ref may be NULL): indent > 0 is json.dumps(indent=N) - the AWS CLI's
 * output with 4 - and 0 the one-line form with ", " and ": ". Floats of
 * float/double shapes as Python writes them ("1.0", "NaN"), integers
 * exactly; ensure_ascii escapes every non-ASCII character (\u00e9).
 */
void hs_output_json(struct hs_buf *out, const struct cJSON *v,
    const struct aws_ref *ref, int indent, bool ensure_ascii);
/* Show timestamps that came as epoch numbers in local time, as the CLI
 * does (botocore reads them with tzlocal()); others keep their offset. */
void hs_output_local_times(struct cJSON *v, const struct aws_service *svc,
    const struct aws_ref *ref);
/* Tell whether an output format can be printed ("json"; text and table
 * are not written yet). */
bool hs_output_supported(const char *format);
/* Print an operation's output in a format, as the AWS CLI does (JSON:
 * indented by 4, UTF-8, a final newline; nothing at all for {}). */
int hs_output_print(FILE *f, const struct cJSON *v, const struct aws_ref *ref,
    const char *format, char **cause);

/* ---- help-html.c, help.c, help-pager.c: `help` ----------------------- */

/* Append text wrapped at width columns: the first line after indent
 * spaces and first_prefix (or NULL), the others indented to match. */
void hs_help_wrap(struct hs_buf *out, const char *text, int indent,
    const char *first_prefix, int width);
/* Append a model's documentation (HTML) as plain text wrapped at width,
 * indent spaces in, paragraphs apart, lists with "o " bullets. */
void hs_help_html(struct hs_buf *out, const char *html, int indent,
    int width);
/* `SERVICE help`: the service's documentation and its operations. */
void hs_help_service(struct hs_buf *out, const struct aws_service *svc,
    int width);
/*
 * `SERVICE OPERATION help`: description, synopsis, every argument with
 * its type, a required mark, its documentation, valid values, nested
 * members, shorthand and JSON syntax, then global (the caller's text on
 * the global options, or NULL) and the output's members.
 */
void hs_help_operation(struct hs_buf *out, const struct hs_param_table *t,
    const char *global, int width);
/*
 * Show text: through the pager command (run with /bin/sh -c, e.g.
 * "less -R") when out is a terminal and pager is not empty, else written
 * to out as it is. -1 with *cause when the pager cannot be started.
 */
int hs_help_show(FILE *out, const char *text, size_t len, const char *pager,
    char **cause);
/* The width to wrap help at: the terminal's (at most 120), else 80. */
int hs_help_width(FILE *out);

/* ---- dryrun.c: --dry-run ---------------------------------------------- */

/*
 * Append a signed request as DESIGN.md shows it: "METHOD URL", each
 * header as "name: value", a blank line, then the body - text as it is,
 * a file body as "<N bytes from PATH>", other bytes as "<N bytes>". The
 * Signature= value and the X-Amz-Security-Token value read REDACTED;
 * the access key ID in Credential= stays.
 */
void hs_dryrun_format(struct hs_buf *out, const struct aws_request *req);

/* ---- operation-env.c: what a command runs with ----------------------- */

/* How a step failed; the command maps it to an exit status (hs-exit.h). */
enum hs_op_failure {
	HS_OP_OK = 0,
	HS_OP_FAIL_USAGE,	/* an argument or value: 252 */
	HS_OP_FAIL_CONFIG,	/* configuration, region, credentials: 253 */
	HS_OP_FAIL_SERVICE,	/* the service answered an error: 254 */
	HS_OP_FAIL_GENERAL,	/* connection, I/O, anything else: 255 */
	HS_OP_FAIL_INTERRUPTED,	/* Ctrl-C: 130 */
};

struct hs_op_error {
	enum hs_op_failure kind;
	char *code;		/* the service's error code, or NULL */
	char *message;		/* what failed and how to fix it */
	char *request_id;	/* the service's request ID, or NULL */
};

#define HS_OP_ERROR_INIT { HS_OP_OK, NULL, NULL, NULL }

/* Record a failure (replacing an earlier one); returns -1. */
HS_PRINTF(3, 4) int hs_op_fail(struct hs_op_error *e, enum hs_op_failure kind,
    const char *fmt, ...);
void hs_op_error_clear(struct hs_op_error *e);

/* The settings of one command (the shell's, with its global options). */
struct hs_op_settings {
	const char *profile;	/* --profile, .profile; NULL: resolved */
	const char *region;	/* --region, .region; NULL: resolved */
	const char *endpoint_url;	/* --endpoint-url, or NULL */
	const char *ca_bundle;	/* --ca-bundle, or NULL */
	const char *output;	/* --output, or NULL */
	int connect_timeout;	/* seconds; 0: none; -1: the default */
	int read_timeout;
	bool no_verify_ssl;	/* --no-verify-ssl */
	bool debug;		/* --debug: the HTTP log to debug_log */
	FILE *debug_log;
	const volatile sig_atomic_t *cancel;	/* Ctrl-C, or NULL */
	aws_creds_mfa_fn *mfa_prompt;	/* NULL: MFA profiles fail */
	void *mfa_arg;
};

/*
 * What a command runs with. The config files, the resolver, the HTTP
 * client (kept-alive connections) and the credential chain (cached
 * credentials) are kept for the session, one set per distinct
 * profile/region/endpoint/TLS settings; the endpoint and credentials are
 * resolved per command. Fields are borrowed views of that session state.
 */
struct hs_op_env {
	struct hs_op_slot *slot;	/* private: the session state used */
	struct aws_resolver *res;
	const char *output;	/* the output format in effect */
	const char *pager;	/* the pager for help ("" for none) */
	bool raw_blobs;		/* cli_binary_format = raw-in-base64-out */
	bool insecure;		/* TLS is not verified: warn */
	struct aws_endpoint ep;	/* hs_op_env_connect() */
	struct aws_credentials *creds;	/* one reference, or NULL (unsigned) */
	struct aws_http_client *http;	/* borrowed */
	struct aws_retry_config retry;
	int s3_payload_signing;	/* s3.payload_signing_enabled: 1, 0, -1 unset */
	struct sigv4_key_cache *keys;	/* borrowed */
};

/* Load the configuration and resolve the settings a command needs before
 * anything else (output, pager, binary format). Fails with CONFIG. */
int hs_op_env_open(struct hs_op_env *env, const struct hs_op_settings *s,
    struct hs_op_error *err);
/* Resolve the service's endpoint and, unless unsigned, credentials valid
 * at now (CONFIG when there are none: where the chain looked). */
int hs_op_env_connect(struct hs_op_env *env, const struct hs_op_settings *s,
    const struct aws_service *svc, bool unsigned_op, time_t now,
    struct hs_op_error *err);
void hs_op_env_close(struct hs_op_env *env);
/* Free the session state (at exit, and in tests). */
void hs_op_env_shutdown(void);

/* ---- operation-call.c, operation-run.c: sending ----------------------- */

/* One operation's calls for a command. */
struct hs_op_call {
	const struct aws_operation *op;
	struct hs_op_env *env;	/* connected (hs_op_env_connect) */
	const char *outfile;	/* a streaming output goes here, or NULL */
	FILE *dry_run;		/* --dry-run: print requests here, send none */
	bool dry_printed;	/* a request was printed */
	char *request_id;	/* of the last answer, or NULL */
	int attempts;		/* HTTP attempts of the last request */
	struct hs_op_error err;
};

/*
 * Make one request: serialize input, point it at the endpoint, sign it
 * before every attempt, send it with retries (the protocol's error
 * codes classify them), parse the answer. 0 with *output; -1 with c->err:
 * SERVICE with the CLI's message ("An error occurred (NoSuchKey) when
 * calling the GetObject operation: ...") and the error code, GENERAL for
 * connection errors ("Could not connect to the endpoint URL: ..."),
 * INTERRUPTED on Ctrl-C. With c->dry_run the signed request is printed
 * instead and *output is NULL.
 */
int hs_op_call_once(struct hs_op_call *c, const struct cJSON *input,
    struct cJSON **output);
/*
 * Run an operation as the CLI does: every page merged when paging is on
 * (hs_paginate), one call otherwise; a streaming payload written to
 * c->outfile is left out of the output, epoch timestamps are shown in
 * local time. 0 with *output (NULL after --dry-run) or -1 with c->err.
 */
int hs_op_run(struct hs_op_call *c, const struct hs_op_input *in,
    struct cJSON **output);
void hs_op_call_clear(struct hs_op_call *c);

/* ---- operation.c: the command ---------------------------------------- */

/* Error codes of hipaa-shell's own failures of a model operation (a
 * service error keeps the service's code); see commands.h for the
 * others. */
#define HS_ERR_CONFIG	"ConfigurationError"	/* config, region, credentials */
#define HS_ERR_GENERAL	"RequestFailed"		/* no answer, unreadable answer */

/* The last call of a model operation, for --debug and the audit log. */
struct hs_op_record {
	char *service;		/* "s3" */
	char *operation;	/* "PutObject" */
	char *request_id;	/* the service's request ID, or NULL */
	char *error_code;	/* the service's error code, or NULL */
	int status;		/* the command's exit status */
};

struct hs_cmd;

/* The fallback command of the dispatcher: "SERVICE OPERATION ...". */
extern const struct hs_cmd hs_cmd_operation;
/* Install it (hs_dispatch_set_fallback), at start-up. */
void hs_operation_register(void);
/* Free what the model operations keep for the session (config, HTTP
 * connections, credentials, models), at exit. */
void hs_operation_shutdown(void);
/* The last call's record (fields NULL before any call). */
const struct hs_op_record *hs_operation_last(void);

#endif
