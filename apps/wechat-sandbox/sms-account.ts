// The sandbox plays the demo's public SMS account (apps/shared/demo-accounts.ts).
export {
  DEMO_SMS_ACCOUNT,
  type DemoSmsAccount as SandboxSmsAccount,
  type DemoSmsTemplate as SandboxSmsTemplate,
  TENCENT_CLOUD_PATH,
  demoSmsTemplateId,
} from '../shared/demo-accounts.js';
