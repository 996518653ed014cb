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
; The program folder goes on the user's PATH, so `assessor-app backup FILE` works in a new command prompt.
ChangesEnvironment=yes

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
; The console program (assessor-app.exe) on this user's PATH; the uninstaller takes it off again (see [Code]).
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
; The first start after an install or upgrade: the app backs the database up, then upgrades it, if it must.
Filename: "{app}\assessor-app-gui.exe"; Description: "{cm:LaunchProgram,Assessor App}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section on purpose: the uninstaller removes only what it installed in {app}, the
; shortcuts and the registry keys above. The records in %LOCALAPPDATA%\assessor-app stay.

[Code]
const
  EnvironmentKey = 'Environment';

{ True unless the folder is already one of the entries of the user's PATH (compared whole, ignoring case). }
function NeedsAddPath(Folder: string): Boolean;
var
  Paths: string;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, EnvironmentKey, 'Path', Paths) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Folder) + ';', ';' + Uppercase(Paths) + ';') = 0;
end;

{ Takes the folder's entry, and the semicolon before it, out of the user's PATH; other entries are left as they are. }
procedure RemovePath(Folder: string);
var
  Paths: string;
  At: Integer;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, EnvironmentKey, 'Path', Paths) then
    exit;
  { A match at At in ';' + Paths + ';' means the entry starts at Paths[At], after the separator at Paths[At - 1]. }
  At := Pos(';' + Uppercase(Folder) + ';', ';' + Uppercase(Paths) + ';');
  if At = 0 then
    exit;
  if At > 1 then
    Delete(Paths, At - 1, Length(Folder) + 1)
  else
    Delete(Paths, 1, Length(Folder) + 1);
  RegWriteExpandStringValue(HKEY_CURRENT_USER, EnvironmentKey, 'Path', Paths);
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usPostUninstall then
    RemovePath(ExpandConstant('{app}'));
end;
