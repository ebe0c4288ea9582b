/*
 * test-sbx-lambda.c: Lambda's pieces in the sandbox: zip files checked
 * and unpacked safely (no path traversal, no links, CRCs), the runtime
 * list, and real runs of handlers through the embedded shims in a child
 * process (results, errors shaped as Lambda does, timeouts that kill,
 * a runtime that exits, a program that is not installed).
 */
#include "hs-common.h"
#include "harness.h"
#include "sandbox/lambda.h"

#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

extern const char sbx_lambda_node_shim[];
extern const char sbx_lambda_python_shim[];

struct zentry {
	const char *name;
	const char *data;
	unsigned mode;		/* Unix mode, 0: none */
};

/* Append little-endian integers. */
static void
put16(struct hs_buf *b, unsigned v)
{
	(void)hs_buf_addch(b, (int)(v & 0xff));
	(void)hs_buf_addch(b, (int)(v >> 8 & 0xff));
}

static void
put32(struct hs_buf *b, uint32_t v)
{
	put16(b, v & 0xffff);
	put16(b, v >> 16);
}

/* Build a zip of stored entries. */
static void
make_zip(struct hs_buf *z, const struct zentry *e, size_t n)
{
	struct hs_buf cd = HS_BUF_INIT;
	size_t i;

	for (i = 0; i < n; i++) {
		size_t len = strlen(e[i].data), off = z->len;
		uint32_t crc = (uint32_t)crc32(0, (const Bytef *)e[i].data,
		    (uInt)len);

		put32(z, 0x04034b50); put16(z, 10); put16(z, 0); put16(z, 0);
		put32(z, 0); put32(z, crc); put32(z, (uint32_t)len);
		put32(z, (uint32_t)len); put16(z, (unsigned)strlen(e[i].name));
		put16(z, 0);
		(void)hs_buf_adds(z, e[i].name);
		(void)hs_buf_add(z, e[i].data, len);
		put32(&cd, 0x02014b50); put16(&cd, 3 << 8 | 20); put16(&cd, 10);
		put16(&cd, 0); put16(&cd, 0); put32(&cd, 0); put32(&cd, crc);
		put32(&cd, (uint32_t)len); put32(&cd, (uint32_t)len);
		put16(&cd, (unsigned)strlen(e[i].name)); put16(&cd, 0);
		put16(&cd, 0); put16(&cd, 0); put16(&cd, 0);
		put32(&cd, (uint32_t)e[i].mode << 16); put32(&cd, (uint32_t)off);
		(void)hs_buf_adds(&cd, e[i].name);
	}
	{
		size_t cd_off = z->len;
		(void)hs_buf_addbuf(z, &cd);
		put32(z, 0x06054b50); put16(z, 0); put16(z, 0);
		put16(z, (unsigned)n); put16(z, (unsigned)n);
		put32(z, (uint32_t)cd.len); put32(z, (uint32_t)cd_off);
		put16(z, 0);
	}
	hs_buf_release(&cd);
}

/* A fresh folder under the test's temporary folder. */
static char *
fresh_dir(const char *name)
{
	char *d = hs_xasprintf("%s/%s", hs_unit_tmpdir(), name);

	CU_ASSERT_EQUAL_FATAL(mkdir(d, 0700), 0);
	return d;
}

/* A good zip unpacks, with folders and the executable bit. */
static void
test_zip_extract(void)
{
	static const struct zentry e[] = {
		{ "index.js", "exports.handler = 1;\n", 0100644 },
		{ "lib/", "", 040755 },
		{ "lib/util/deep.js", "x", 0100755 },
	};
	struct hs_buf z = HS_BUF_INIT;
	char *dir = fresh_dir("good"), *cause = NULL, *p;
	uint64_t unzipped = 0;
	struct stat stb;

	make_zip(&z, e, HS_ARRAY_SIZE(e));
	CU_ASSERT_EQUAL(sbx_zip_check(z.buf, z.len, &unzipped, &cause), 0);
	CU_ASSERT_EQUAL(unzipped, strlen(e[0].data) + 1);
	CU_ASSERT_EQUAL_FATAL(sbx_zip_extract(z.buf, z.len, dir, &cause), 0);
	p = hs_xasprintf("%s/lib/util/deep.js", dir);
	CU_ASSERT_EQUAL(stat(p, &stb), 0);
	CU_ASSERT_TRUE((stb.st_mode & 0100) != 0);
	free(p);
	p = hs_xasprintf("%s/index.js", dir);
	CU_ASSERT_EQUAL(stat(p, &stb), 0);
	CU_ASSERT_EQUAL(stb.st_size, (off_t)strlen(e[0].data));
	free(p);
	hs_buf_release(&z);
	free(dir);
}

/* Entries that would leave the folder, and links, are refused. */
static void
test_zip_traversal(void)
{
	static const struct zentry bad[][1] = {
		{ { "../evil.js", "x", 0100644 } },
		{ { "a/../../evil.js", "x", 0100644 } },
		{ { "/etc/evil", "x", 0100644 } },
		{ { "link", "/etc/passwd", 0120777 } },
	};
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(bad); i++) {
		struct hs_buf z = HS_BUF_INIT;
		char *name = hs_xasprintf("bad%zu", i), *cause = NULL, *p;
		char *dir = fresh_dir(name);
		struct stat stb;

		make_zip(&z, bad[i], 1);
		CU_ASSERT_EQUAL(sbx_zip_extract(z.buf, z.len, dir, &cause), -1);
		CU_ASSERT_PTR_NOT_NULL(cause);
		free(cause);
		p = hs_xasprintf("%s/../evil.js", dir);
		CU_ASSERT_NOT_EQUAL(lstat(p, &stb), 0);
		free(p);
		p = hs_xasprintf("%s/link", dir);
		CU_ASSERT_NOT_EQUAL(lstat(p, &stb), 0);
		free(p);
		hs_buf_release(&z);
		free(dir);
		free(name);
	}
}

/* Not a zip, a corrupt CRC and a truncated file are refused. */
static void
test_zip_corrupt(void)
{
	static const struct zentry e[] = { { "a.py", "print(1)\n", 0100644 } };
	struct hs_buf z = HS_BUF_INIT;
	char *dir = fresh_dir("corrupt"), *cause = NULL;
	uint64_t u;
	char *flip;

	CU_ASSERT_EQUAL(sbx_zip_check("not a zip at all, really not", 28, &u,
	    &cause), -1);
	HS_ASSERT_STR_EQ(cause, "Could not unzip uploaded file. Please check "
	    "your file, then try to upload again.");
	free(cause);
	cause = NULL;
	make_zip(&z, e, 1);
	flip = memchr(z.buf, 'p', z.len);	/* the data, after the name */
	flip = memchr(flip + 1, 'p', z.len - (size_t)(flip + 1 - z.buf));
	*flip = 'P';
	CU_ASSERT_EQUAL(sbx_zip_extract(z.buf, z.len, dir, &cause), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause ? cause : "", "CRC"));
	free(cause);
	cause = NULL;
	CU_ASSERT_EQUAL(sbx_zip_check(z.buf, z.len / 2, &u, &cause), -1);
	free(cause);
	hs_buf_release(&z);
	free(dir);
}

/* The runtime list: current, deprecated, unknown. */
static void
test_runtimes(void)
{
	bool dep;

	CU_ASSERT_TRUE(sbx_lambda_runtime_current("nodejs20.x", &dep));
	CU_ASSERT_FALSE(dep);
	CU_ASSERT_TRUE(sbx_lambda_runtime_current("python3.12", &dep));
	CU_ASSERT_FALSE(sbx_lambda_runtime_current("nodejs", &dep));
	CU_ASSERT_TRUE(dep);
	CU_ASSERT_FALSE(sbx_lambda_runtime_current("nodejs4.3", &dep));
	CU_ASSERT_TRUE(dep);
	CU_ASSERT_FALSE(sbx_lambda_runtime_current("python2.7", &dep));
	CU_ASSERT_TRUE(dep);
	CU_ASSERT_FALSE(sbx_lambda_runtime_current("cobol", &dep));
	CU_ASSERT_FALSE(dep);
	HS_ASSERT_STR_EQ(sbx_lambda_runtime_program("nodejs22.x"), "node");
	HS_ASSERT_STR_EQ(sbx_lambda_runtime_program("python3.13"), "python3");
	CU_ASSERT_PTR_NULL(sbx_lambda_runtime_program("java21"));
}

/* Write a file under dir. */
static char *
write_file(const char *dir, const char *name, const char *text)
{
	char *p = hs_xasprintf("%s/%s", dir, name), *cause = NULL;

	CU_ASSERT_EQUAL(sbx_write_file_atomic(p, text, strlen(text), 0600,
	    &cause), 0);
	free(cause);
	return p;
}

/* Tell whether a program is on the PATH. */
static bool
have(const char *program)
{
	char *cmd = hs_xasprintf("command -v %s >/dev/null 2>&1", program);
	int r = system(cmd);

	free(cmd);
	return r == 0;
}

/* Run a handler through a shim; the result in res. */
static void
run(const char *program, const char *shim_text, const char *shim_name,
    const char *handler, const char *file, const char *code,
    const char *event, int timeout, struct sbx_lambda_run_res *res)
{
	char *dir = hs_xasprintf("%s/run-%s-%d", hs_unit_tmpdir(), shim_name,
	    rand());
	char *shim, *src, *cause = NULL;
	char *env[] = { NULL, NULL, NULL, NULL, NULL, NULL };
	struct sbx_lambda_run_req req = { 0 };

	CU_ASSERT_EQUAL_FATAL(mkdir(dir, 0700), 0);
	shim = write_file(dir, shim_name, shim_text);
	src = write_file(dir, file, code);
	env[0] = hs_xasprintf("PATH=%s", getenv("PATH"));
	env[1] = hs_xasprintf("_HANDLER=%s", handler);
	env[2] = hs_xasprintf("LAMBDA_TASK_ROOT=%s", dir);
	env[3] = hs_xstrdup("_SBX_REQUEST_ID=11111111-2222-4333-8444-555555555555");
	env[4] = hs_xstrdup("PYTHONUNBUFFERED=1");
	req.program = program;
	req.shim = shim;
	req.task_dir = dir;
	req.env = env;
	req.payload = event;
	req.payload_len = strlen(event);
	req.timeout_s = timeout;
	CU_ASSERT_EQUAL(sbx_lambda_run(&req, res, &cause), 0);
	free(cause);
	for (size_t i = 0; env[i] != NULL; i++)
		free(env[i]);
	free(shim);
	free(src);
	sbx_rmtree(dir);
	free(dir);
}

/* Tell whether any log line holds s. */
static bool
logged(const struct sbx_lambda_run_res *r, const char *s)
{
	size_t i;

	for (i = 0; i < r->n_lines; i++)
		if (strstr(r->lines[i].text, s) != NULL)
			return true;
	return false;
}

/* A Node.js handler's result, console lines and thrown errors. */
static void
test_run_node(void)
{
	struct sbx_lambda_run_res r;

	if (!have("node")) {
		hs_unit_skip("node is not installed");
		return;
	}
	run("node", sbx_lambda_node_shim, "node-shim.js", "index.handler",
	    "index.js", "exports.handler = async (e) => { console.log('got', "
	    "e.n, 'a\\nb'); return { twice: e.n * 2 }; };", "{\"n\":21}", 10, &r);
	CU_ASSERT_EQUAL(r.outcome, LAMBDA_RUN_OK);
	HS_ASSERT_STR_EQ(r.payload, "{\"twice\":42}");
	CU_ASSERT_TRUE(logged(&r, "\t11111111-2222-4333-8444-555555555555\t"
	    "INFO\tgot 21 a\rb"));
	CU_ASSERT_TRUE(r.init_ms > 0);
	sbx_lambda_run_clear(&r);
	run("node", sbx_lambda_node_shim, "node-shim.js", "index.handler",
	    "index.mjs", "export const handler = async () => { throw new "
	    "TypeError('nope'); };", "{}", 10, &r);
	CU_ASSERT_EQUAL(r.outcome, LAMBDA_RUN_ERROR);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.payload ? r.payload : "",
	    "\"errorType\":\"TypeError\",\"errorMessage\":\"nope\""));
	CU_ASSERT_TRUE(logged(&r, "\tERROR\tInvoke Error \t{\"errorType\":"
	    "\"TypeError\""));
	sbx_lambda_run_clear(&r);
	run("node", sbx_lambda_node_shim, "node-shim.js", "index.missing",
	    "index.js", "exports.handler = async () => 1;", "{}", 10, &r);
	CU_ASSERT_EQUAL(r.outcome, LAMBDA_RUN_ERROR);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.payload ? r.payload : "",
	    "Runtime.HandlerNotFound"));
	sbx_lambda_run_clear(&r);
}

/* The callback style and a timeout that kills the handler. */
static void
test_run_node_callback_timeout(void)
{
	struct sbx_lambda_run_res r;

	if (!have("node")) {
		hs_unit_skip("node is not installed");
		return;
	}
	run("node", sbx_lambda_node_shim, "node-shim.js", "app.go", "app.js",
	    "exports.go = (e, ctx, cb) => { setTimeout(() => cb(null, "
	    "ctx.getRemainingTimeInMillis() > 0 ? 'yes' : 'no'), 10); };",
	    "{}", 10, &r);
	CU_ASSERT_EQUAL(r.outcome, LAMBDA_RUN_OK);
	HS_ASSERT_STR_EQ(r.payload, "\"yes\"");
	sbx_lambda_run_clear(&r);
	run("node", sbx_lambda_node_shim, "node-shim.js", "app.go", "app.js",
	    "exports.go = async () => { console.log('waiting'); await new "
	    "Promise(() => setInterval(() => {}, 1000)); };", "{}", 1, &r);
	CU_ASSERT_EQUAL(r.outcome, LAMBDA_RUN_TIMEOUT);
	CU_ASSERT_TRUE(r.duration_ms >= 1000);
	CU_ASSERT_TRUE(logged(&r, "waiting"));
	sbx_lambda_run_clear(&r);
}

/* A Python handler: result, print lines, exception. */
static void
test_run_python(void)
{
	struct sbx_lambda_run_res r;

	if (!have("python3")) {
		hs_unit_skip("python3 is not installed");
		return;
	}
	run("python3", sbx_lambda_python_shim, "python-shim.py",
	    "lambda_function.lambda_handler", "lambda_function.py",
	    "def lambda_handler(event, context):\n    print('hi', event['n'])\n"
	    "    return {'n': event['n'] + 1, 'id': context.aws_request_id}\n",
	    "{\"n\": 1}", 20, &r);
	CU_ASSERT_EQUAL(r.outcome, LAMBDA_RUN_OK);
	HS_ASSERT_STR_EQ(r.payload, "{\"n\": 2, \"id\": "
	    "\"11111111-2222-4333-8444-555555555555\"}");
	CU_ASSERT_TRUE(logged(&r, "hi 1"));
	sbx_lambda_run_clear(&r);
	run("python3", sbx_lambda_python_shim, "python-shim.py",
	    "lambda_function.lambda_handler", "lambda_function.py",
	    "def lambda_handler(event, context):\n    raise KeyError('k')\n",
	    "{}", 20, &r);
	CU_ASSERT_EQUAL(r.outcome, LAMBDA_RUN_ERROR);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.payload ? r.payload : "",
	    "\"errorType\": \"KeyError\""));
	CU_ASSERT_TRUE(logged(&r, "[ERROR] KeyError: 'k'\rTraceback"));
	sbx_lambda_run_clear(&r);
}

/* A runtime that exits without answering; a program that is missing. */
static void
test_run_exit_and_missing(void)
{
	struct sbx_lambda_run_res r;

	if (have("python3")) {
		run("python3", sbx_lambda_python_shim, "python-shim.py",
		    "lambda_function.lambda_handler", "lambda_function.py",
		    "import os\ndef lambda_handler(event, context):\n"
		    "    os._exit(3)\n", "{}", 20, &r);
		CU_ASSERT_EQUAL(r.outcome, LAMBDA_RUN_EXITED);
		CU_ASSERT_EQUAL(r.exit_status, 3);
		CU_ASSERT_FALSE(r.signaled);
		sbx_lambda_run_clear(&r);
	}
	run("no-such-runtime-program", "", "x.js", "a.b", "a.js", "", "{}", 1,
	    &r);
	CU_ASSERT_EQUAL(r.outcome, LAMBDA_RUN_NO_RUNTIME);
	sbx_lambda_run_clear(&r);
}

static const struct hs_unit_case lambda_cases[] = {
	{ "zip-extract", test_zip_extract },
	{ "zip-traversal", test_zip_traversal },
	{ "zip-corrupt", test_zip_corrupt },
	{ "runtimes", test_runtimes },
	{ "run-node", test_run_node },
	{ "run-node-callback-timeout", test_run_node_callback_timeout },
	{ "run-python", test_run_python },
	{ "run-exit-and-missing", test_run_exit_and_missing },
};

void
hs_unit_register(void)
{
	hs_unit_add_table("sbx-lambda", lambda_cases,
	    HS_ARRAY_SIZE(lambda_cases));
}
