# Runs one command under a pseudo-terminal and types answers when prompts appear, the way a person
# would; prints a JSON report: everything the terminal showed (base64) and the exit code.
# Usage: python3 ptyDriver.py '{"argv": [...], "env": {...}, "cwd": "...", "stdin": null|"text",
#                               "steps": [{"expect": "Master password", "send": "secret\r"}], "timeout": 20}'
import base64, json, os, pty, select, sys, time

spec = json.loads(sys.argv[1])
timeout = spec.get("timeout", 20)
stdin_text = spec.get("stdin")

stdin_read = None
if stdin_text is not None:
    # stdin is a pipe; the pty stays the controlling terminal (reached through /dev/tty).
    stdin_read, stdin_write = os.pipe()
    os.write(stdin_write, stdin_text.encode())
    os.close(stdin_write)

pid, fd = pty.fork()
if pid == 0:
    if stdin_read is not None:
        os.dup2(stdin_read, 0)
    os.chdir(spec["cwd"])
    os.execvpe(spec["argv"][0], spec["argv"], spec["env"])

transcript = b""
deadline = time.time() + timeout


def read_some(wait):
    global transcript
    ready, _, _ = select.select([fd], [], [], wait)
    if not ready:
        return True
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        return False
    if not chunk:
        return False
    transcript += chunk
    return True


failure = None
# Each prompt is looked for after the previous one, so a prompt asked twice is waited for twice.
seen_until = 0
for step in spec.get("steps", []):
    expected = step["expect"].encode()
    while transcript.find(expected, seen_until) < 0:
        if time.time() > deadline or not read_some(0.1):
            failure = "never saw: " + step["expect"]
            break
    if failure:
        break
    seen_until = transcript.find(expected, seen_until) + len(expected)
    # Let the prompt settle, then type the answer one keystroke at a time.
    time.sleep(0.05)
    for character in step["send"]:
        os.write(fd, character.encode())
        time.sleep(0.005)

while time.time() < deadline and read_some(0.2):
    pass

if time.time() >= deadline:
    os.kill(pid, 9)
_, status = os.waitpid(pid, 0)
print(json.dumps({
    "transcript": base64.b64encode(transcript).decode(),
    "exitCode": os.waitstatus_to_exitcode(status),
    "failure": failure,
}))
