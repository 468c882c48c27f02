export { default, generateMetadata } from '../../../../groups/[group]/page';
