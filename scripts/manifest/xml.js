// The add-in only manifest (manifest.xml) written from scripts/manifest/addin.js.
const { URL } = require('node:url');
const { ADDIN } = require('./addin');

/** Escapes text for an XML attribute value. */
function attr(text) {
  return String(text).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `<tag DefaultValue="..."> <Override .../> </tag>` for a text given per language. */
function localized(tag, texts, indent, override = 'Override', id = '') {
  const idAttr = id ? ` id="${id}"` : '';
  const others = ADDIN.locales.filter((l) => l !== ADDIN.defaultLocale);
  return [
    `${indent}<${tag}${idAttr} DefaultValue="${attr(texts[ADDIN.defaultLocale])}">`,
    ...others.map((l) => `${indent}  <${override} Locale="${l}" Value="${attr(texts[l])}"/>`),
    `${indent}</${tag}>`,
  ].join('\n');
}

function iconImages(indent) {
  return [16, 32, 80].map((s) => `${indent}<bt:Image size="${s}" resid="Icon.${s}x${s}"/>`).join('\n');
}

function head(base) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Cloud CRM Competency Tracker: Excel add-in with custom functions and a task pane in one shared runtime.
     Written by scripts/manifest (npm run manifest) from scripts/manifest/addin.js, like manifest.json: edit that file, not this one. -->
<OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
           xmlns:bt="http://schemas.microsoft.com/office/officeappbasictypes/1.0"
           xmlns:ov="http://schemas.microsoft.com/office/taskpaneappversionoverrides"
           xsi:type="TaskPaneApp">
  <Id>${ADDIN.id}</Id>
  <Version>${ADDIN.version}.0</Version>
  <ProviderName>${attr(ADDIN.provider)}</ProviderName>
  <DefaultLocale>${ADDIN.defaultLocale}</DefaultLocale>
${localized('DisplayName', ADDIN.name, '  ')}
${localized('Description', ADDIN.description, '  ')}
  <IconUrl DefaultValue="${base}/${ADDIN.icons[32]}"/>
  <HighResolutionIconUrl DefaultValue="${base}/${ADDIN.icons[64]}"/>
  <SupportUrl DefaultValue="${base}/${ADDIN.pages.help}"/>
  <AppDomains>
    <AppDomain>${new URL(base).origin}</AppDomain>
  </AppDomains>
  <Hosts>
    <Host Name="Workbook"/>
  </Hosts>
  <Requirements>
    <Sets DefaultMinVersion="1.1">
${ADDIN.requirements.map((r) => `      <Set Name="${r.name}" MinVersion="${r.minVersion}"/>`).join('\n')}
    </Sets>
  </Requirements>
  <DefaultSettings>
    <SourceLocation DefaultValue="${base}/${ADDIN.pages.taskpane}"/>
  </DefaultSettings>
  <Permissions>ReadWriteDocument</Permissions>`;
}

function hosts() {
  const { ribbon } = ADDIN;
  return `    <Hosts>
      <Host xsi:type="Workbook">
        <Runtimes>
          <Runtime resid="Taskpane.Url" lifetime="long"/>
        </Runtimes>
        <AllFormFactors>
          <ExtensionPoint xsi:type="CustomFunctions">
            <Script>
              <SourceLocation resid="Functions.Script.Url"/>
            </Script>
            <Page>
              <SourceLocation resid="Taskpane.Url"/>
            </Page>
            <Metadata>
              <SourceLocation resid="Functions.Metadata.Url"/>
            </Metadata>
            <Namespace resid="Functions.Namespace"/>
          </ExtensionPoint>
        </AllFormFactors>
        <DesktopFormFactor>
          <GetStarted>
            <Title resid="GetStarted.Title"/>
            <Description resid="GetStarted.Description"/>
            <LearnMoreUrl resid="GetStarted.LearnMoreUrl"/>
          </GetStarted>
          <FunctionFile resid="Taskpane.Url"/>
          <ExtensionPoint xsi:type="PrimaryCommandSurface">
            <OfficeTab id="${ribbon.tab}">
              <Group id="${ribbon.groupId}">
                <Label resid="Group.Label"/>
                <Icon>
${iconImages('                  ')}
                </Icon>
                <Control xsi:type="Button" id="${ribbon.buttonId}">
                  <Label resid="Button.Label"/>
                  <Supertip>
                    <Title resid="Button.Label"/>
                    <Description resid="Button.Tooltip"/>
                  </Supertip>
                  <Icon>
${iconImages('                    ')}
                  </Icon>
                  <Action xsi:type="ShowTaskpane">
                    <TaskpaneId>ButtonId1</TaskpaneId>
                    <SourceLocation resid="Taskpane.Url"/>
                  </Action>
                </Control>
              </Group>
            </OfficeTab>
          </ExtensionPoint>
        </DesktopFormFactor>
      </Host>
    </Hosts>`;
}

function resources(base) {
  const urls = Object.fromEntries(Object.entries(ADDIN.functions.metadata).map(([l, f]) => [l, `${base}/${f}`]));
  const s = '        ';
  return `    <Resources>
      <bt:Images>
${[16, 32, 80].map((n) => `        <bt:Image id="Icon.${n}x${n}" DefaultValue="${base}/${ADDIN.icons[n]}"/>`).join('\n')}
      </bt:Images>
      <bt:Urls>
        <bt:Url id="Functions.Script.Url" DefaultValue="${base}/${ADDIN.functions.script}"/>
${localized('bt:Url', urls, s, 'bt:Override', 'Functions.Metadata.Url')}
        <bt:Url id="Taskpane.Url" DefaultValue="${base}/${ADDIN.pages.taskpane}"/>
        <bt:Url id="GetStarted.LearnMoreUrl" DefaultValue="${base}/${ADDIN.pages.help}"/>
      </bt:Urls>
      <bt:ShortStrings>
        <bt:String id="Functions.Namespace" DefaultValue="${ADDIN.functions.namespace}"/>
${localized('bt:String', ADDIN.getStarted.title, s, 'bt:Override', 'GetStarted.Title')}
${localized('bt:String', ADDIN.ribbon.group, s, 'bt:Override', 'Group.Label')}
${localized('bt:String', ADDIN.ribbon.button, s, 'bt:Override', 'Button.Label')}
      </bt:ShortStrings>
      <bt:LongStrings>
${localized('bt:String', ADDIN.getStarted.description, s, 'bt:Override', 'GetStarted.Description')}
${localized('bt:String', ADDIN.ribbon.tooltip, s, 'bt:Override', 'Button.Tooltip')}
      </bt:LongStrings>
    </Resources>`;
}

/**
 * manifest.xml for the add-in served at `base` (an https address without a trailing slash, as
 * normalizeAddinUrl gives it).
 * @example xmlManifest('https://localhost:3000') // '<?xml version="1.0" ...'
 * @throws TypeError when base is not an absolute URL.
 */
function xmlManifest(base) {
  return `${head(base)}
  <VersionOverrides xmlns="http://schemas.microsoft.com/office/taskpaneappversionoverrides" xsi:type="VersionOverridesV1_0">
${hosts()}
${resources(base)}
  </VersionOverrides>
</OfficeApp>
`;
}

module.exports = { xmlManifest };
