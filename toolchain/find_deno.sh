# Sourced by ./riptide and ./deno: sets DENO to the pinned Deno binary,
# installing it from npm into toolchain/node_modules on first use when no
# Deno of the pinned version is on PATH. Expects ROOT to be the repository.
DENO_VERSION=2.9.6

# Sets DENO_PLATFORM to the @deno/<platform> npm package's name for this machine.
# On Linux the kernel's own files say it without starting `uname` twice: every
# riptide command pays for this script, so it forks nothing it can avoid.
deno_platform() {
  if [ -r /proc/sys/kernel/ostype ] && [ -r /proc/sys/kernel/arch ]; then
    read -r os </proc/sys/kernel/ostype
    read -r arch </proc/sys/kernel/arch
  else
    os=$(uname -s)
    arch=$(uname -m)
  fi
  case "$arch" in x86_64 | amd64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; esac
  case "$os" in
    Linux) DENO_PLATFORM="linux-$arch-glibc" ;;
    Darwin) DENO_PLATFORM="darwin-$arch" ;;
    *) DENO_PLATFORM="win32-$arch" ;;
  esac
}

deno_platform
DENO="$ROOT/toolchain/node_modules/@deno/$DENO_PLATFORM/deno"
if [ ! -x "$DENO" ]; then
  found=$(command -v deno 2>/dev/null || true)
  if [ -n "$found" ] && "$found" --version 2>/dev/null | head -n 1 | grep -q "^deno $DENO_VERSION "; then
    DENO=$found
  else
    echo "riptide: installing Deno $DENO_VERSION from npm (first run only)..." >&2
    (cd "$ROOT/toolchain" && npm ci --no-audit --no-fund --loglevel=error >&2) || true
    if [ ! -x "$DENO" ]; then
      echo "error: could not install Deno $DENO_VERSION with npm into $ROOT/toolchain/node_modules" >&2
      exit 1
    fi
  fi
fi
