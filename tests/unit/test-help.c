/*
 * test-help.c: help text from the models (HTML to wrapped text, the
 * operation and service pages) and the --dry-run format of a signed
 * request with its secrets redacted.
 */
#include "test-op-util.h"

static char *
html(const char *in, int indent, int width)
{
	struct hs_buf b = HS_BUF_INIT;

	hs_help_html(&b, in, indent, width);
	return hs_buf_detach(&b, NULL);
}

static void
test_html(void)
{
	char *s;

	s = html("<p>One <b>two</b> &amp; <code>three</code>.</p><p>Four</p>",
	    2, 80);
	HS_ASSERT_STR_EQ(s, "  One two & three.\n\n  Four\n");
	free(s);
	s = html("<p>Items:</p><ul><li><p>alpha beta</p></li><li>gamma</li>"
	    "</ul><p>after</p>", 0, 80);
	HS_ASSERT_STR_EQ(s, "Items:\n\n  o alpha beta\n  o gamma\n\nafter\n");
	free(s);
	s = html("<note><p>Careful.</p></note>", 0, 80);
	HS_ASSERT_STR_EQ(s, "NOTE:\n\n   Careful.\n");
	free(s);
	/* Entities, numeric ones in UTF-8, white space collapsed. */
	s = html("a&lt;b&gt; &#233; &#x2603;\n\n  c&quot;", 0, 80);
	HS_ASSERT_STR_EQ(s, "a<b> \xc3\xa9 \xe2\x98\x83 c\"\n");
	free(s);
	/* Wrapped at the width, the indent kept; a long word alone. */
	s = html("<p>aaaa bbbb cccc dddd eeeeeeeeeeeeeeee ff</p>", 3, 14);
	HS_ASSERT_STR_EQ(s, "   aaaa bbbb\n   cccc dddd\n   eeeeeeeeeeeeeeee\n"
	    "   ff\n");
	free(s);
	s = html("<ul><li>a long item that wraps</li></ul>", 0, 14);
	HS_ASSERT_STR_EQ(s, "  o a long\n    item that\n    wraps\n");
	free(s);
	s = html(NULL, 0, 80);
	HS_ASSERT_STR_EQ(s, "");
	free(s);
}

static char *
operation_help(const struct aws_operation *op)
{
	struct hs_param_table t;
	struct hs_buf b = HS_BUF_INIT;

	hs_param_table_build(op, &t);
	hs_help_operation(&b, &t, "       (global options)\n", 80);
	hs_param_table_clear(&t);
	return hs_buf_detach(&b, NULL);
}

/* Tell whether text contains a line that is exactly line. */
static bool
has_line(const char *text, const char *line)
{
	size_t n = strlen(line);
	const char *p = text;

	while ((p = strstr(p, line)) != NULL) {
		if ((p == text || p[-1] == '\n') && (p[n] == '\n' ||
		    p[n] == '\0'))
			return true;
		p += n;
	}
	printf("# missing line: '%s'\n", line);
	return false;
}

static void
test_operation(void)
{
	char *s = operation_help(op_demo_op("DoThing"));

	CU_ASSERT(has_line(s, "NAME"));
	CU_ASSERT(has_line(s, "       do-thing -"));
	CU_ASSERT(has_line(s, "       Does a thing."));
	/* The synopsis: required bare, optional in brackets, flag pairs. */
	CU_ASSERT(has_line(s, "          --name <value>"));
	CU_ASSERT(has_line(s, "          [--count <value>]"));
	CU_ASSERT(has_line(s, "          [--flag | --no-flag]"));
	/* Options: type, required mark, documentation, valid values. */
	CU_ASSERT(has_line(s, "       --name (string) [required]"));
	CU_ASSERT(has_line(s, "          The name."));
	CU_ASSERT(has_line(s, "       --mode (string)"));
	CU_ASSERT(has_line(s, "          Possible values:"));
	CU_ASSERT(has_line(s, "            o fast"));
	CU_ASSERT(has_line(s, "            o slow"));
	/* Nested members, shorthand and JSON syntax. */
	CU_ASSERT(has_line(s, "       --items (list)"));
	CU_ASSERT(has_line(s, "             Id -> (integer) [required]"));
	CU_ASSERT(has_line(s, "          Id=integer,Label=string ..."));
	CU_ASSERT(has_line(s, "          [") && has_line(s, "              "
	    "\"Id\": integer,"));
	CU_ASSERT(has_line(s, "GLOBAL OPTIONS"));
	CU_ASSERT(has_line(s, "       (global options)"));
	CU_ASSERT(has_line(s, "OUTPUT"));
	CU_ASSERT(has_line(s, "       Score -> (double)"));
	free(s);
	s = operation_help(op_real("s3api", "get-object"));
	CU_ASSERT(has_line(s, "          <outfile>"));
	CU_ASSERT(has_line(s, "       outfile (string) [required]"));
	free(s);
	s = operation_help(op_demo_op("ListThings"));
	CU_ASSERT(strstr(s, "This is a paginated operation.") != NULL);
	CU_ASSERT(has_line(s, "          [--max-items <value>]"));
	CU_ASSERT(strstr(s, "--next-token") == NULL);	/* hidden */
	free(s);
}

static void
test_service(void)
{
	struct hs_buf b = HS_BUF_INIT;

	hs_help_service(&b, op_demo(), 80);
	HS_ASSERT_STR_EQ(b.buf, "NAME\n       demo -\n\nDESCRIPTION\n"
	    "       The demo service.\n\nAVAILABLE COMMANDS\n"
	    "       o do-thing\n       o list-more\n       o list-things\n"
	    "       o ping\n");
	hs_buf_release(&b);
}

static void
test_show(void)
{
	char *buf = NULL, *cause = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	/* Not a terminal: the text as it is, whatever the pager. */
	CU_ASSERT_EQUAL(hs_help_show(f, "text\n", 5, "false", &cause), 0);
	fclose(f);
	HS_ASSERT_STR_EQ(buf, "text\n");
	free(buf);
	CU_ASSERT_EQUAL(hs_help_width(stdin == NULL ? stdout : stdout) > 0, 1);
}

static void
test_dryrun(void)
{
	struct aws_request req = AWS_REQUEST_INIT;
	struct aws_credentials *c = aws_credentials_new("AKIDEXAMPLE",
	    "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "SESSIONTOKEN", 0,
	    "test");
	struct sigv4_params p = { c, "us-east-1", "iam", 1700000000, 0, 0,
	    NULL };
	struct hs_buf out = HS_BUF_INIT;
	char *cause = NULL;
	const char *path = op_tmpfile("body.bin", "12345", 5);
	char *want;

	CU_ASSERT_EQUAL_FATAL(aws_request_set_endpoint(&req,
	    "https://iam.amazonaws.com", &cause), 0);
	aws_request_set_method(&req, "POST");
	aws_request_set_path(&req, "/");
	aws_kvlist_add(&req.headers, "Content-Type",
	    "application/x-www-form-urlencoded; charset=utf-8");
	aws_request_set_body(&req, "Action=ListRoles&Version=2010-05-08", 35);
	CU_ASSERT_EQUAL_FATAL(sigv4_sign(&req, &p, NULL, &cause), 0);
	hs_dryrun_format(&out, &req);
	CU_ASSERT(strncmp(out.buf, "POST https://iam.amazonaws.com/\n", 32) ==
	    0);
	CU_ASSERT(strstr(out.buf, "Credential=AKIDEXAMPLE/20231114/us-east-1/"
	    "iam/aws4_request") != NULL);
	CU_ASSERT(strstr(out.buf, "Signature=REDACTED") != NULL);
	CU_ASSERT(strstr(out.buf, "X-Amz-Security-Token: REDACTED\n") != NULL);
	CU_ASSERT(strstr(out.buf, "SESSIONTOKEN") == NULL);
	CU_ASSERT(strstr(out.buf, "\n\nAction=ListRoles&Version=2010-05-08\n")
	    != NULL);
	/* A file body is named, never read. */
	aws_request_set_body_file(&req, path, 0, -1);
	hs_buf_reset(&out);
	hs_dryrun_format(&out, &req);
	want = hs_xasprintf("\n\n<5 bytes from %s>\n", path);
	CU_ASSERT(hs_ends_with(out.buf, want));
	free(want);
	aws_request_set_body(&req, "\x01\x02", 2);
	hs_buf_reset(&out);
	hs_dryrun_format(&out, &req);
	CU_ASSERT(hs_ends_with(out.buf, "\n\n<2 bytes>\n"));
	hs_buf_release(&out);
	aws_request_clear(&req);
	aws_credentials_release(c);
}

void
hs_unit_register(void)
{
	static const struct hs_unit_case cases[] = {
		{ "html", test_html },
		{ "operation", test_operation },
		{ "service", test_service },
		{ "show", test_show },
		{ "dryrun", test_dryrun },
	};

	hs_unit_add_table("help", cases, HS_ARRAY_SIZE(cases));
}
