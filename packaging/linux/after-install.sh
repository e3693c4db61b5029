#!/bin/bash
# The deb's after-install script: electron-builder's default (app-builder-lib's
# templates/linux/after-install.tpl) with one change: /usr/bin/keyward is the keyward command
# (resources/cli/keyward), not the app's window. electron-builder fills in the two template fields
# in braces before packing; every other variable is written without braces so it is left alone.
# $DPKG_ROOT is dpkg's own prefix for an installation into another root (dpkg --root, empty
# otherwise); the tests run this script against a fake root through it.

root="$DPKG_ROOT"
app_folder='/opt/${sanitizedProductName}'
command_target="$app_folder/resources/cli/keyward"
command_link="$root/usr/bin/keyward"

# Releases before this one registered the app itself as the "keyward" alternative for
# /usr/bin/keyward: withdraw it, so update-alternatives no longer manages that link.
if type update-alternatives >/dev/null 2>&1; then
    update-alternatives --remove '${executable}' "$app_folder/${executable}" >/dev/null 2>&1 || true
fi

# Ours: a link into this package's folder (an earlier release's link to the app, or this one's).
# Anything else at /usr/bin/keyward (a file, a link elsewhere) belongs to someone else and stays.
if [ -L "$command_link" ]; then
    case "$(readlink "$command_link")" in
        "$app_folder"/*) ln -sfn "$command_target" "$command_link" ;;
        *) echo "Keyward: $command_link is another program's link, left as it is; the keyward command is $command_target" >&2 ;;
    esac
elif [ -e "$command_link" ]; then
    echo "Keyward: $command_link is another program's file, left as it is; the keyward command is $command_target" >&2
else
    mkdir -p "$root/usr/bin"
    ln -s "$command_target" "$command_link"
fi

# Check if user namespaces are supported by the kernel and working with a quick test:
if ! { [[ -L /proc/self/ns/user ]] && unshare --user true; }; then
    # Use SUID chrome-sandbox only on systems without user namespaces:
    chmod 4755 "$root$app_folder/chrome-sandbox" || true
else
    chmod 0755 "$root$app_folder/chrome-sandbox" || true
fi

if hash update-mime-database 2>/dev/null; then
    update-mime-database /usr/share/mime || true
fi

if hash update-desktop-database 2>/dev/null; then
    update-desktop-database /usr/share/applications || true
fi

# Install apparmor profile (Ubuntu 24+), as electron-builder's template does: only when this
# AppArmor accepts the profile (Ubuntu 22.04's does not support abi/4.0, and the app runs without it).
if apparmor_status --enabled > /dev/null 2>&1; then
  APPARMOR_PROFILE_SOURCE="$root$app_folder/resources/apparmor-profile"
  APPARMOR_PROFILE_TARGET="$root/etc/apparmor.d/"'${executable}'
  if apparmor_parser --skip-kernel-load --debug "$APPARMOR_PROFILE_SOURCE" > /dev/null 2>&1; then
    cp -f "$APPARMOR_PROFILE_SOURCE" "$APPARMOR_PROFILE_TARGET"

    # Live-loading a profile is not meaningful in a chroot or another root (images for other machines).
    if [ -z "$root" ] && ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      # Extra flags taken from dh_apparmor: -W -T also pull in abstraction updates.
      apparmor_parser --replace --write-cache --skip-read-cache "$APPARMOR_PROFILE_TARGET"
    fi
  else
    echo "Skipping the installation of the AppArmor profile as this version of AppArmor does not seem to support the bundled profile"
  fi
fi
