export { adapterFactory, connectionConfig, type Datasource } from "./adapter";
