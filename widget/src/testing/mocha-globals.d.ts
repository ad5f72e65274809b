// The mocha globals that @web/test-runner gives test files (there is no @types/mocha here).
type TestBody = (this: { timeout(ms: number): void }) => void | Promise<void>;
declare function describe(title: string, body: (this: { timeout(ms: number): void }) => void): void;
declare function it(title: string, body: TestBody): void;
declare function before(body: TestBody): void;
declare function after(body: TestBody): void;
declare function beforeEach(body: TestBody): void;
declare function afterEach(body: TestBody): void;
