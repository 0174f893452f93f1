// StudioApi over the Electron preload's window.studio: unwraps WireResults into values or StudioErrors.
import { fromWireError, type StudioApi, type StudioBridge } from '../../src-shared/contract/index.js';

export function createBridgeClient(bridge: StudioBridge): StudioApi {
  return {
    async invoke(op, request) {
      const result = await bridge.invoke(op, request);
      if (!result.ok) throw fromWireError(result.error);
      return result.value as never;
    },
    on(event, listener) {
      return bridge.on(event, (payload) => listener(payload as never));
    },
  };
}
