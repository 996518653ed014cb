; Inno Setup 6 script: a per-user install of the one-folder bundle, no administrator rights needed.
; Built by `python packaging/build.py windows`, which passes the three defines below to ISCC.exe.
; The data folder (%LOCALAPPDATA%\assessor-app: records, attachments, backups made before upgrades) is the
; user's, not the program's: neither an upgrade nor the uninstaller touches it.

#ifndef AppVersion
  #error Pass /DAppVersion=X.Y.Z (packaging/build.py windows reads it from pyproject.toml)
#endif
#ifndef BundleDir
  #error Pass /DBundleDir=...\dist\assessor-app (the PyInstaller one-folder bundle)
#endif
#ifndef IconFile
  #define IconFile "..\..\resources\icons\assessor-app.ico"
#endif

[Setup]
; The AppId ties every later version to this one, so a newer installer upgrades in place. Never change it.
AppId={{6E0C7A52-3B1D-4F0A-9C57-2A8E4D1B9F36}
AppName=Assessor App
AppVersion={#AppVersion}
AppVerName=Assessor App {#AppVersion}
AppPublisher=The assessor-app project
VersionInfoVersion={#AppVersion}
; Per user: installs under %LOCALAPPDATA%\Programs, start-menu entry and file type in HKEY_CURRENT_USER.
PrivilegesRequired=lowest
DefaultDirName={autopf}\Assessor App
DisableDirPage=auto
DefaultGroupName=Assessor App
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputBaseFilename=assessor-app-{#AppVersion}-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\assessor-app-gui.exe
UninstallDisplayName=Assessor App
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
; A running copy holds files in {app}: Restart Manager asks the user to close it before files are replaced.
CloseApplications=yes
RestartApplications=no
ChangesAssociations=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the bundled libraries whole, so no module of the older version is left to be loaded.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Assessor App"; Filename: "{app}\assessor-app-gui.exe"; Comment: "Record and sign off assessment evidence"
Name: "{autodesktop}\Assessor App"; Filename: "{app}\assessor-app-gui.exe"; Tasks: desktopicon

[Registry]
; Backup files (*.assessorbackup) open with the app, which offers to restore them. HKA is HKCU here (per user).
Root: HKA; Subkey: "Software\Classes\.assessorbackup"; ValueType: string; ValueName: ""; ValueData: "AssessorApp.Backup"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.assessorbackup\OpenWithProgids"; ValueType: string; ValueName: "AssessorApp.Backup"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\AssessorApp.Backup"; ValueType: string; ValueName: ""; ValueData: "Assessor App backup"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\AssessorApp.Backup\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\assessor-app-gui.exe,0"
Root: HKA; Subkey: "Software\Classes\AssessorApp.Backup\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\assessor-app-gui.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\assessor-app-gui.exe\SupportedTypes"; ValueType: string; ValueName: ".assessorbackup"; ValueData: ""; Flags: uninsdeletekey

[Run]
; The first start after an install or upgrade: the app backs the database up, then upgrades it, if it must.
Filename: "{app}\assessor-app-gui.exe"; Description: "{cm:LaunchProgram,Assessor App}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section on purpose: the uninstaller removes only what it installed in {app}, the
; shortcuts and the registry keys above. The records in %LOCALAPPDATA%\assessor-app stay.
