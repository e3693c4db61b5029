; The Windows installer's additions (electron-builder.yml: nsis.include). The installer puts the
; keyward command's folder, resources\cli under the install folder, on the user's PATH (HKCU
; Environment "Path", a REG_EXPAND_SZ); the uninstaller takes that one entry off and leaves every
; other entry as it was. It is not run here (no Windows): test/unit/app/windowsInstaller.test.ts
; checks that it and electron-builder.yml agree; docs/cli.md says what a Windows machine must check.
; electron-builder compiles with warnings as errors, so nothing here may go unused.

!include WinMessages.nsh

!define KEYWARD_CLI_FOLDER "$INSTDIR\resources\cli"
; A user PATH this long is not rewritten: NSIS strings stop at NSIS_MAX_STRLEN, and writing a
; cut-short PATH back would lose the user's own entries. A PATH NSIS cannot read at all (longer than
; that, not a string, or absent) reads as empty with the error flag set: it is left alone too, never
; replaced by the one entry.
!define /math KEYWARD_PATH_LIMIT ${NSIS_MAX_STRLEN} - 300

; $R0: the PATH; $R1: the entry. Leaves in $R2 the PATH without that entry (compared without regard
; to case, as Windows does) and in $R3 1 when the entry was there, else 0. Uses $R4-$R7.
!macro KEYWARD_PATH_WITHOUT
  StrCpy $R2 ""
  StrCpy $R3 0
  StrCpy $R4 0
  StrCpy $R5 ""
  StrCpy $R7 0
  keyward_path_next_char:
    StrCpy $R6 $R0 1 $R4
    IntOp $R4 $R4 + 1
    StrCmp $R6 ";" keyward_path_segment_end
    StrCmp $R6 "" keyward_path_segment_end
    StrCpy $R5 "$R5$R6"
    Goto keyward_path_next_char
  keyward_path_segment_end:
    StrCmp $R5 $R1 0 keyward_path_keep
      StrCpy $R3 1
      Goto keyward_path_segment_done
    keyward_path_keep:
      StrCmp $R7 0 0 keyward_path_append
        StrCpy $R2 $R5
        StrCpy $R7 1
        Goto keyward_path_segment_done
      keyward_path_append:
        StrCpy $R2 "$R2;$R5"
    keyward_path_segment_done:
      StrCpy $R5 ""
      StrCmp $R6 "" 0 keyward_path_next_char
!macroend

!macro KEYWARD_SAVE_REGISTERS
  Push $R0
  Push $R1
  Push $R2
  Push $R3
  Push $R4
  Push $R5
  Push $R6
  Push $R7
  Push $R8
!macroend

!macro KEYWARD_RESTORE_REGISTERS
  Pop $R8
  Pop $R7
  Pop $R6
  Pop $R5
  Pop $R4
  Pop $R3
  Pop $R2
  Pop $R1
  Pop $R0
!macroend

!macro customInstall
  !insertmacro KEYWARD_SAVE_REGISTERS
  ClearErrors
  ReadRegStr $R0 HKCU "Environment" "Path"
  IfErrors keyward_install_too_long
  StrLen $R8 $R0
  IntCmp $R8 ${KEYWARD_PATH_LIMIT} keyward_install_too_long keyward_install_read keyward_install_too_long
  keyward_install_too_long:
    DetailPrint "Your PATH could not be read or is too long to change safely: add ${KEYWARD_CLI_FOLDER} to it yourself to type keyward."
    Goto keyward_install_done
  keyward_install_read:
  StrCpy $R1 "${KEYWARD_CLI_FOLDER}"
  !insertmacro KEYWARD_PATH_WITHOUT
  StrCmp $R3 1 keyward_install_done
  StrCmp $R0 "" 0 keyward_install_append
    StrCpy $R0 $R1
    Goto keyward_install_write
  keyward_install_append:
    StrCpy $R0 "$R0;$R1"
  keyward_install_write:
  WriteRegExpandStr HKCU "Environment" "Path" $R0
  ; Tells Explorer (and terminals it starts from now on) that the environment changed.
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
  keyward_install_done:
  !insertmacro KEYWARD_RESTORE_REGISTERS
!macroend

!macro customUnInstall
  !insertmacro KEYWARD_SAVE_REGISTERS
  ; An update runs the old uninstaller first: the new install keeps the same entry, so leave it.
  ${ifNot} ${isUpdated}
    ClearErrors
    ReadRegStr $R0 HKCU "Environment" "Path"
    IfErrors keyward_uninstall_done
    StrLen $R8 $R0
    IntCmp $R8 ${KEYWARD_PATH_LIMIT} keyward_uninstall_done keyward_uninstall_read keyward_uninstall_done
    keyward_uninstall_read:
    StrCpy $R1 "${KEYWARD_CLI_FOLDER}"
    !insertmacro KEYWARD_PATH_WITHOUT
    StrCmp $R3 1 0 keyward_uninstall_done
    WriteRegExpandStr HKCU "Environment" "Path" $R2
    SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
    keyward_uninstall_done:
  ${endIf}
  !insertmacro KEYWARD_RESTORE_REGISTERS
!macroend
