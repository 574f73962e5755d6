"""What each exit status of `newsgen` means: one list for the code and for every command's --help."""

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

EXIT_CODES_HELP = """exit status:
  0  success (warnings allowed)
  1  some sources have errors (--strict: any problem), or the output could not be written
  2  the command line, the site folder or newsgen.yaml is wrong (or the port is in use), or
     the build refused to touch the output (see "Output safety" in the README)"""
