; Inno Setup script: a Windows installer for the one-folder bundle that packaging/shopdesk.spec builds.
;
;   1. On Windows, in the repository:  pyinstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\shopdesk.spec
;   2. Then:                           iscc /DAppVersion=0.1.0 packaging\windows\shopdesk.iss
;      (iscc is Inno Setup 6's compiler; the installer is written to dist\installer\)
;
; Installs per user by default (no administrator needed; the shop's data stays in the
; user's AppData through platformdirs, never in Program Files), with a Start-menu entry,
; an optional desktop icon, and an uninstaller that leaves the shop's database alone.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "ShopDesk"
#define Bundle "..\..\dist\ShopDesk"

[Setup]
AppId={{6B1E2C7A-4F3D-4E8B-9C21-5D0A7E3F9B14}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=ShopDesk
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist\installer
OutputBaseFilename=ShopDesk-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\shopdesk.ico
UninstallDisplayIcon={app}\ShopDesk.exe
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\ShopDesk.exe"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\ShopDesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\ShopDesk.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
