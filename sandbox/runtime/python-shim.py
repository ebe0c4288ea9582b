# python-shim.py: the Python runtime shim of hipaa-sandbox's Lambda.
#
# The sandbox runs `python3 -u python-shim.py` in the function's unpacked
# code folder with the function's environment. The shim imports the
# handler named by _HANDLER ("lambda_function.lambda_handler"), reads the
# event (JSON) from its standard input, calls handler(event, context)
# and reports on file descriptor 3, one JSON line each:
#   {"type":"ready"}                      the handler is loaded
#   {"type":"result","body":"<JSON>"}     the handler's result
#   {"type":"error","body":"<JSON>"}      the function's error, shaped
#                                         as Lambda's Python runtime does
# print() goes to the log as it is; the logging module writes
# "[LEVEL]\tTIME\tREQUEST-ID\tmessage" as in Lambda; an error's traceback
# is one log event (newlines turned into "\r").
import importlib
import json
import logging
import os
import sys
import time
import traceback

REQUEST_ID = os.environ.get("_SBX_REQUEST_ID", "")
TIMEOUT_MS = int(os.environ.get("_SBX_TIMEOUT_MS", "3000"))
DEADLINE = [0]
INVOKED_ARN = os.environ.get("_SBX_FUNCTION_ARN", "")
for _k in [k for k in os.environ if k.startswith("_SBX_")]:
    del os.environ[_k]

_control = os.fdopen(3, "w", buffering=1)


def control(msg):
    _control.write(json.dumps(msg) + "\n")
    _control.flush()


class _LambdaFormatter(logging.Formatter):
    def format(self, record):
        record.aws_request_id = REQUEST_ID
        return super().format(record).replace("\n", "\r")


def _setup_logging():
    handler = logging.StreamHandler(sys.stdout)
    fmt = _LambdaFormatter(
        "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s",
        "%Y-%m-%dT%H:%M:%S")
    fmt.converter = time.gmtime
    handler.setFormatter(fmt)
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(logging.WARNING)


class LambdaContext:
    def __init__(self):
        self.aws_request_id = REQUEST_ID
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = INVOKED_ARN
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.identity = None
        self.client_context = None

    def get_remaining_time_in_millis(self):
        return max(0, DEADLINE[0] - int(time.time() * 1000))


def _lambda_paths(text):
    """Name the folders as Lambda's tracebacks do (/var/task, /var/runtime)."""
    for env, shown in (("LAMBDA_TASK_ROOT", "/var/task"),
                       ("LAMBDA_RUNTIME_DIR", "/var/runtime")):
        if os.environ.get(env):
            text = text.replace(os.environ[env], shown)
    return text


def report_error(error_type, message, tb_list):
    tb_list = [_lambda_paths(t) for t in tb_list]
    body = {"errorMessage": message, "errorType": error_type,
            "requestId": REQUEST_ID, "stackTrace": tb_list}
    text = "[ERROR] %s: %s" % (error_type, message)
    if tb_list:
        text += "\nTraceback (most recent call last):\n" + "".join(tb_list)
    sys.stdout.write(text.rstrip("\n").replace("\n", "\r") + "\n")
    sys.stdout.flush()
    control({"type": "error", "body": json.dumps(body)})


def load_handler(spec):
    if "." not in spec:
        report_error("Runtime.MalformedHandlerName",
                     "Bad handler '%s': not enough values to unpack "
                     "(expected 2, got 1)" % spec, [])
        sys.exit(0)
    mod_name, fn_name = spec.rsplit(".", 1)
    sys.path.insert(0, os.environ.get("LAMBDA_TASK_ROOT", os.getcwd()))
    try:
        mod = importlib.import_module(mod_name.replace("/", "."))
    except Exception as e:
        report_error("Runtime.ImportModuleError",
                     "Unable to import module '%s': %s" % (mod_name, e), [])
        sys.exit(0)
    fn = getattr(mod, fn_name, None)
    if fn is None:
        report_error("Runtime.HandlerNotFound",
                     "Handler '%s' missing on module '%s'" % (fn_name, mod_name), [])
        sys.exit(0)
    return fn


def main():
    _setup_logging()
    handler = load_handler(os.environ.get("_HANDLER", ""))
    control({"type": "ready"})
    try:
        event = json.loads(sys.stdin.read() or "null")
    except ValueError as e:
        report_error("Runtime.UnmarshalError", "Unable to unmarshal input: %s" % e, [])
        return
    DEADLINE[0] = int(time.time() * 1000) + TIMEOUT_MS
    try:
        result = handler(event, LambdaContext())
    except Exception as e:
        tb = traceback.format_list(traceback.extract_tb(e.__traceback__)[1:])
        report_error(type(e).__name__, str(e), tb)
        return
    try:
        body = json.dumps(result)
    except (TypeError, ValueError) as e:
        report_error("Runtime.MarshalError", "Unable to marshal response: %s" % e, [])
        return
    control({"type": "result", "body": body})


if __name__ == "__main__":
    main()
