#!/bin/bash
# The deb's after-remove script: electron-builder's default (app-builder-lib's
# templates/linux/after-remove.tpl) with one change: it removes /usr/bin/keyward only when that is a
# link into this package's folder (never another program's keyward). electron-builder fills in the
# template fields in braces; other variables are written without braces. $DPKG_ROOT: see
# after-install.sh.

root="$DPKG_ROOT"
app_folder='/opt/${sanitizedProductName}'
command_link="$root/usr/bin/keyward"

# On an upgrade (deb: "upgrade"; rpm: a count of 1 or more) the new release's after-install keeps
# the link: rpm runs it before this script, so removing the link here would leave none.
case "$1" in
    upgrade|failed-upgrade|[1-9]*) exit 0 ;;
esac

# A release before this one may still hold the app as the "keyward" alternative.
if type update-alternatives >/dev/null 2>&1; then
    update-alternatives --remove '${executable}' "$app_folder/${executable}" >/dev/null 2>&1 || true
fi

if [ -L "$command_link" ]; then
    case "$(readlink "$command_link")" in
        "$app_folder"/*) rm -f "$command_link" ;;
    esac
fi

APPARMOR_PROFILE_DEST="$root/etc/apparmor.d/"'${executable}'

# Remove and unload the AppArmor profile: unloaded from the running kernel before the file goes, so
# the policy is not left enforced until the next reboot (not in a chroot, as after-install.sh).
if [ -f "$APPARMOR_PROFILE_DEST" ]; then
  if apparmor_status --enabled > /dev/null 2>&1; then
    if [ -z "$root" ] && ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      apparmor_parser --remove "$APPARMOR_PROFILE_DEST" || true
    fi
  fi
  rm -f "$APPARMOR_PROFILE_DEST"
fi
