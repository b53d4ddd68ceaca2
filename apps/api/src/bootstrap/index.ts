export {
  bootstrapTenant,
  slugify,
  type BootstrapTenantInput,
  type BootstrappedTenant,
} from './bootstrap-tenant';
